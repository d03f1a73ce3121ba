// Brand protection (docs/brands.md), read access: the brands, and one brand's view: every
// look-alike domain brand runs judged with its latest verdict and signals, the screenshot
// of its victim's visit and the brand's official screenshots (served by the screenshots
// route), for the web UI's Brands view and for anyone who builds their own.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { brandView, listBrands, NoSuchBrand } from '../../store/queries/brands.js';
import { DirectStore } from '../../store/direct.js';
import type { ServerContext } from '../context.js';
import { ERROR_SCHEMA, notFound } from '../errors.js';
import { BRAND, BRAND_VIEW, params } from '../schemas.js';

const read = { access: 'read' } as const;
const response = (ok: object) => ({ 200: ok, '4xx': ERROR_SCHEMA, '5xx': ERROR_SCHEMA });

export function brandRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const a = new DirectStore(ctx.store);

  app.get(
    '/api/v1/brands',
    {
      config: read,
      schema: {
        tags: ['brands'],
        summary: 'Brands: their official domains, keywords, logos and project',
        response: response({
          type: 'object',
          required: ['results'],
          properties: { results: { type: 'array', items: BRAND } },
        }),
      },
    },
    async () => ({ results: await listBrands(a) }),
  );

  app.get(
    '/api/v1/brands/:name/variants',
    {
      config: read,
      schema: {
        tags: ['brands'],
        summary:
          "A brand's look-alike domains as brand runs judged them (latest verdict, signals, registration), highest score first, with screenshots",
        params: params({ name: { type: 'string', maxLength: 200 } }),
        response: response(BRAND_VIEW),
      },
    },
    async (req: FastifyRequest<{ Params: { name: string } }>) => {
      try {
        const { brand, official, variants } = await brandView(a, req.params.name);
        return { brand, official, results: variants };
      } catch (e) {
        throw e instanceof NoSuchBrand ? notFound(e.message) : e;
      }
    },
  );
}
