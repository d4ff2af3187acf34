import { login } from '../api.js';
import { clear, field, h } from '../dom.js';
import { t } from '../i18n.js';

export async function renderLogin(ctx) {
  const user = h('input', { name: 'username', autocomplete: 'username', required: true });
  const pass = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const message = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    {
      class: 'card login',
      onSubmit: async (e) => {
        e.preventDefault();
        message.textContent = '';
        try {
          await login(user.value.trim(), pass.value);
          ctx.navigate('#/queue');
        } catch {
          message.textContent = t('loginFailed');
          pass.focus();
        }
      },
    },
    h('h1', {}, t('loginTitle')),
    field(t('username'), user),
    field(t('password'), pass),
    message,
    h('button', { type: 'submit', class: 'primary' }, t('signIn')),
  );
  clear(ctx.main).append(form);
  ctx.keepFocus = true;
  user.focus();
}
