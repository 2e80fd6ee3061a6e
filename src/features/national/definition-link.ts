// A figure's definition as the national pages link to it: its address and its version.
import { requireFigure } from '../../domain/figures.js';
import { definitionUrl } from '../definitions/index.js';

export const definitionLink = (id: string) => ({
  href: definitionUrl(id),
  version: requireFigure(id).version,
});
