import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../auth/roles.decorator';
import { buildOpenApiDocument } from './openapi-document';

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Escalations API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="docs"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/docs-init.js"></script>
</body></html>`;

/** OpenAPI at /api/docs: the document as JSON, and Swagger UI served from our own assets. */
@Controller('api/docs')
@Public()
export class DocsController {
  private readonly document = buildOpenApiDocument();

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page() {
    return PAGE;
  }

  @Get('openapi.json')
  openApi() {
    return this.document;
  }

  @Get('assets/docs-init.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  init() {
    return "window.ui = SwaggerUIBundle({ url: '/api/docs/openapi.json', dom_id: '#docs' });";
  }
}
