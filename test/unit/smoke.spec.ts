import { Test } from '@nestjs/testing';
import { Injectable, Module } from '@nestjs/common';

@Injectable()
class Greeter {
  greet(): string {
    return 'hi';
  }
}

@Module({ providers: [Greeter] })
class M {}

describe('toolchain', () => {
  it('compiles decorators and resolves Nest under Jest ESM', async () => {
    const ref = await Test.createTestingModule({ imports: [M] }).compile();
    expect(ref.get(Greeter).greet()).toBe('hi');
  });
});
