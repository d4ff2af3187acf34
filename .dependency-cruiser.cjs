/** The domain is plain TypeScript: it may not depend on the framework, the ORM, Kafka or the driver. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain must not import Nest, TypeORM, kafkajs, pg, fastify or class-validator, nor code outside src/domain.',
      from: { path: '^src/domain/' },
      to: {
        path: [
          'node_modules/@nestjs/',
          'node_modules/typeorm/',
          'node_modules/kafkajs/',
          'node_modules/pg/',
          'node_modules/pg-',
          'node_modules/fastify',
          'node_modules/@fastify/',
          'node_modules/class-validator/',
          'node_modules/class-transformer/',
          '^src/(modules|infra|common|config)/',
        ],
      },
    },
    {
      name: 'no-circular-domain',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
