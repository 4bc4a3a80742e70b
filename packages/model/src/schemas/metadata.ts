/**
 * Register metadata (Registermetadata) that opens every element, in wire order (model §2), and the
 * factories that put it in front of an element's own fields.
 */
import { Type, type TObject, type TProperties } from '@sinclair/typebox';
import { closed } from './objects.js';
import { Tekst, Tidspunkt } from './primitives.js';

/** Metadata of elements inside event documents: as the person document, without `erGjeldende`. */
export const HendelseRegistermetadata = {
  ajourholdstidspunkt: Type.Optional(Tidspunkt),
  kilde: Type.Optional(Tekst),
  aarsak: Type.Optional(Tekst),
  gyldighetstidspunkt: Type.Optional(Tidspunkt),
  opphoerstidspunkt: Type.Optional(Tidspunkt),
};

/** Metadata of elements in the person document; `erGjeldende` = current (true) or historic (false). */
export const PersonRegistermetadata = {
  ajourholdstidspunkt: HendelseRegistermetadata.ajourholdstidspunkt,
  erGjeldende: Type.Optional(Type.Boolean()),
  kilde: HendelseRegistermetadata.kilde,
  aarsak: HendelseRegistermetadata.aarsak,
  gyldighetstidspunkt: HendelseRegistermetadata.gyldighetstidspunkt,
  opphoerstidspunkt: HendelseRegistermetadata.opphoerstidspunkt,
};

/** Builds one element schema per entry of `fields`, each opened by `metadata`. */
export function elementSchemas<M extends TProperties, F extends Record<string, TProperties>>(
  metadata: M,
  fields: F,
): { [K in keyof F]: TObject<M & F[K]> } {
  const entries = Object.entries(fields).map(([title, own]) => [title, closed(title, { ...metadata, ...own })]);
  return Object.fromEntries(entries) as { [K in keyof F]: TObject<M & F[K]> };
}
