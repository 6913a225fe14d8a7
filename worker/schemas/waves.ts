import { z } from '@hono/zod-openapi';
import { TextInput } from './common.ts';
import { PUBLICATION_RULES, WindowInstant } from './surveys.ts';

const Name = z
  .object({
    zh: TextInput.trim().min(1).max(100).openapi({ description: 'Name in Chinese.', example: '2027年度' }),
    en: TextInput.trim().min(1).max(100).openapi({ description: 'Name in English.', example: '2027 annual' }),
  })
  .strict()
  .openapi({ description: "The wave's name, in Chinese and English." });

export const WaveParams = z.object({
  id: z
    .string()
    .min(1)
    .max(40)
    .openapi({ param: { name: 'id', in: 'path' }, description: 'Survey id.', example: 'public' }),
  wave: z
    .string()
    .min(1)
    .max(60)
    .openapi({ param: { name: 'wave', in: 'path' }, description: 'Wave id.', example: 'public-w1' }),
});

export const WaveCreateSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,59}$/, 'lower-case letters, digits and hyphens')
      .openapi({ description: 'Stable id of the new wave.', example: 'public-2027' }),
    version_id: z
      .string()
      .min(1)
      .max(60)
      .optional()
      .openapi({ description: "The questionnaire version it asks; the survey's highest version when left out.", example: 'public-v1' }),
    name: Name,
    opens_at: WindowInstant.openapi({
      description: 'When it starts accepting answers: an RFC 3339 date-time with any offset (e.g. Beijing time), stored in UTC.',
      example: '2027-01-01T00:00:00+08:00',
    }),
    closes_at: WindowInstant.nullable().openapi({
      description: 'When it stops; null for no end yet.',
      example: '2027-12-31T00:00:00+08:00',
    }),
    publication: z.enum(PUBLICATION_RULES).openapi({
      description: '`after_close` (results once closed) or `live_in_steps` (per town, a new state every 10 responses).',
      example: 'live_in_steps',
    }),
  })
  .strict()
  .refine((w) => w.closes_at === null || Date.parse(w.opens_at) < Date.parse(w.closes_at), {
    message: 'opens_at must be before closes_at',
    path: ['closes_at'],
  })
  .openapi('WaveCreate', { description: 'A new wave of a survey. It must not overlap another wave of the survey.' });

export const WaveUpdateSchema = z
  .object({
    name: Name.optional(),
    opens_at: WindowInstant.optional().openapi({
      description: 'New opening (RFC 3339, any offset; stored in UTC).',
      example: '2026-01-01T08:00:00+08:00',
    }),
    closes_at: WindowInstant.nullable()
      .optional()
      .openapi({ description: 'New closing; now closes the wave; null leaves it open.', example: '2026-12-31T16:00:00Z' }),
    publication: z.enum(PUBLICATION_RULES).optional().openapi({ description: 'New publication rule.', example: 'after_close' }),
  })
  .strict()
  .refine((u) => Object.keys(u).length > 0, 'give at least one field to change')
  .openapi('WaveUpdate', {
    description: 'The fields to change, at least one. A wave keeps its responses: it cannot be moved so that one falls outside it.',
    minProperties: 1,
    example: { closes_at: '2026-12-31T16:00:00Z' },
  });
