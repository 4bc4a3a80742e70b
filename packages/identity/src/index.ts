export {
  analyseIdNumber,
  isValidIdNumber,
  type Ambiguity,
  type AmbiguityCode,
  type CheckDigitRule,
  type Gender,
  type IdKind,
  type IdNumberAnalysis,
  type IdNumberOptions,
  type SyntheticScheme,
} from './analyse.js';
export type { IdError, IdErrorCode } from './idErrors.js';
export type { NumberError } from './digits.js';
export {
  IdGenerationError,
  createIdGenerator,
  generateIdNumbers,
  generateOrganisasjonsnumre,
  type GenerateOptions,
  type IdGenerationErrorCode,
  type IdGenerator,
  type IdGeneratorOptions,
} from './generator.js';
export {
  createIdAllocator,
  type AllocatedKind,
  type IdAllocationRequest,
  type IdAllocator,
} from './allocator.js';
export {
  analyseOrganisasjonsnummer,
  isValidOrganisasjonsnummer,
  type OrganisasjonsnummerAnalysis,
  type OrganisasjonsnummerErrorCode,
} from './orgnr.js';
export {
  analyseDufNummer,
  isValidDufNummer,
  type DufNummerAnalysis,
  type DufNummerErrorCode,
  type DufNummerOptions,
} from './duf.js';
