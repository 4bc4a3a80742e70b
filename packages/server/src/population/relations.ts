/**
 * The elements two documents share: family relations (parent ↔ child, spouse ↔ spouse) and
 * parental responsibility (on the parent and on the child). Each is built once and given to both
 * persons, so the two sides always agree.
 */
import type { Familierelasjon, Foreldreansvar } from '@folkeport/model';
import { addYears } from './calendar.js';
import { STREAM, type ChunkContext } from './chunk-context.js';
import type { PlannedParenthood } from './chunk-plan.js';
import { PersonClock, withMeta } from './metadata.js';

export interface SharedElements {
  familierelasjon: Familierelasjon[][];
  foreldreansvar: Foreldreansvar[][];
}

/** Offsets that keep the relation streams apart from the per-person streams. */
const PARENTHOOD_OFFSET = 1_000_000;
const UNION_OFFSET = 2_000_000;
const CUSTODY_OFFSET = 3_000_000;

export function sharedElements(ctx: ChunkContext): SharedElements {
  const n = ctx.plan.persons.length;
  const familierelasjon: Familierelasjon[][] = Array.from({ length: n }, () => []);
  const foreldreansvar: Foreldreansvar[][] = Array.from({ length: n }, () => []);
  const clock = (offset: number, index: number) => new PersonClock(ctx.random(STREAM.clock, offset + index), ctx.loadDay, ctx.asOf);

  ctx.plan.parents.forEach((relation, k) => {
    const { parent, child, role } = relation;
    const from = Math.max(ctx.presentFrom(child), ctx.presentFrom(parent));
    const aarsak = ctx.person(child).born === from ? 'Fødsel' : 'Innvandring';
    const relationClock = clock(PARENTHOOD_OFFSET, k);
    const meta = relationClock.fact(from, aarsak, true);
    familierelasjon[child]!.push(withMeta({ ...meta }, { relatertPerson: ctx.person(parent).id, relatertPersonsRolle: role, minRolleForPerson: 'barn' as const }));
    familierelasjon[parent]!.push(withMeta(meta, { relatertPerson: ctx.person(child).id, relatertPersonsRolle: 'barn' as const, minRolleForPerson: role }));
  });

  ctx.plan.unions.forEach((union, k) => {
    if (union.kind === 'samboer' || union.registered === undefined) return;
    const ended = union.divorced ?? ctx.unionEnd(union);
    const ceased = union.divorced ?? (Number.isFinite(ended) && union.separated === undefined ? ended : undefined);
    const meta = clock(UNION_OFFSET, k).fact(union.registered, 'Vigsel', ceased === undefined, ceased === undefined ? undefined : { ceased });
    for (const [self, other] of [[union.a, union.b], [union.b, union.a]] as const) {
      familierelasjon[self]!.push({
        ...meta,
        relatertPerson: ctx.person(other).id,
        relatertPersonsRolle: 'ektefelleEllerPartner',
        minRolleForPerson: 'ektefelleEllerPartner',
      });
    }
  });

  // Parental responsibility for children under 18 at the reference date.
  const adultFrom = addYears(ctx.asOf, -18);
  ctx.plan.persons.forEach((person, child) => {
    if (person.born <= adultFrom || person.category !== 'bosatt') return;
    const custodians = ctx.parentsOf[child]!.filter((r) => r.custody);
    if (custodians.length === 0) return;
    const personClock = clock(CUSTODY_OFFSET, child);
    const from = ctx.presentFrom(child);
    const add = (relation: PlannedParenthood, ansvar: Foreldreansvar['ansvar'], start: number, aarsak: string, ceased?: number) => {
      const element: Foreldreansvar = withMeta(personClock.fact(start, aarsak, ceased === undefined, ceased === undefined ? undefined : { ceased }), { ansvar,
        ansvarssubjekt: person.id,
        ansvarlig: ctx.person(relation.parent).id });
      foreldreansvar[child]!.push(element);
      foreldreansvar[relation.parent]!.push(element);
    };
    const startAarsak = person.born === from ? 'Fødsel' : 'Innvandring';
    if (custodians.length === 1) {
      add(custodians[0]!, custodians[0]!.role, from, startAarsak);
      return;
    }
    const died = custodians.find((r) => ctx.person(r.parent).died !== undefined);
    const death = died ? ctx.person(died.parent).died! : undefined;
    if (died === undefined || death === undefined || death <= from) {
      for (const relation of custodians) add(relation, 'felles', from, startAarsak);
      return;
    }
    // Shared until a parent died; the survivor alone after that.
    for (const relation of custodians) add(relation, 'felles', from, startAarsak, death);
    const survivor = custodians.find((r) => r !== died)!;
    add(survivor, survivor.role, death, 'Dødsfall');
  });

  return { familierelasjon, foreldreansvar };
}
