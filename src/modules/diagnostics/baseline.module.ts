import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { EchoDto } from './dto/echo.dto.js';

@Controller('baseline')
class BaselineController {
  @Post('echo')
  @HttpCode(200)
  echo(@Body() body: EchoDto): EchoDto {
    return body;
  }
}

/**
 * The benchmarks' yardstick: a bare Nest route on the Fastify adapter that validates the same
 * ten-field DTO and echoes it, with no auth, interceptors or logging. Not part of the service.
 */
@Module({ controllers: [BaselineController] })
export class BaselineModule {}
