/**
 * Word lists for Tenor-style names (adjective + noun, as in Skatteetaten's synthetic population), written by
 * the Folkeport project. Lower case here; names.ts writes them in upper case, as FREG stores names.
 */

/** Adjectives (first and middle names). */
export const TENOR_ADJECTIVES: readonly string[] = [
  'absurd', 'aktiv', 'artig', 'bestemt', 'betenksom', 'blank', 'blid', 'bløt', 'bred', 'brun',
  'diskret', 'dristig', 'drømmende', 'dyktig', 'edel', 'ekte', 'elegant', 'enkel', 'ensom', 'eventyrlig',
  'fargerik', 'farlig', 'fast', 'fersk', 'fiffig', 'fin', 'flink', 'flott', 'fornøyd', 'forsiktig',
  'forunderlig', 'fri', 'frisk', 'frodig', 'fyrig', 'gammel', 'gavmild', 'gjestfri', 'glatt', 'glitrende',
  'god', 'grundig', 'grønn', 'grå', 'gul', 'gyllen', 'hard', 'heldig', 'hemmelig', 'hjelpsom',
  'hvit', 'hyggelig', 'høflig', 'høy', 'høytidelig', 'ivrig', 'kjapp', 'kjekk', 'kjærlig', 'kjølig',
  'klar', 'klok', 'klønete', 'kreativ', 'krøllete', 'kry', 'kvass', 'kvikk', 'lang', 'lat',
  'leken', 'lettvint', 'lilla', 'liten', 'livlig', 'lojal', 'lun', 'lydløs', 'lysegrønn', 'lystig',
  'mild', 'modig', 'morsom', 'munter', 'målrettet', 'mørk', 'nydelig', 'nyttig', 'nøktern', 'nøysom',
  'omsorgsfull', 'oppfinnsom', 'oransje', 'overrasket', 'pen', 'pertentlig', 'praktisk', 'pratsom', 'presis', 'pussig',
  'rask', 'rolig', 'romslig', 'rosa', 'rund', 'ruvende', 'rød', 'rørende', 'saftig', 'sakte',
  'seig', 'selvstendig', 'sikker', 'sindig', 'sjarmerende', 'sjelden', 'sjenerøs', 'skarp', 'skeptisk', 'skinnende',
  'skjør', 'slu', 'smart', 'snill', 'snodig', 'solid', 'sprek', 'spretten', 'staut', 'sterk',
  'stille', 'stor', 'streng', 'strålende', 'stødig', 'sulten', 'svart', 'svimmel', 'søt', 'sølvgrå',
  'tankefull', 'tapper', 'tett', 'tidlig', 'tilfreds', 'tjukk', 'tolerant', 'travel', 'treg', 'trivelig',
  'trofast', 'trygg', 'tung', 'tydelig', 'tøff', 'uredd', 'uvanlig', 'varm', 'velstelt', 'vennlig',
  'viktig', 'vill', 'vimsete', 'vis', 'vital', 'våken', 'ydmyk', 'yr', 'ærlig', 'øm',
  'ødsel', 'ålreit', 'årvåken',
];

/** Nouns (surnames). */
export const TENOR_NOUNS: readonly string[] = [
  'ape', 'appelsin', 'bakke', 'ballong', 'banan', 'bjørk', 'blåbær', 'bok', 'bolle', 'bregne',
  'bris', 'brygge', 'bukett', 'bølge', 'dal', 'delfin', 'due', 'eik', 'ekorn', 'elg',
  'eple', 'fjell', 'fjær', 'flamingo', 'fløyte', 'foss', 'frosk', 'furu', 'gitar', 'gran',
  'gresskar', 'hare', 'hassel', 'hatt', 'hegre', 'hest', 'hjort', 'honning', 'hummer', 'hval',
  'hytte', 'ild', 'isbjørn', 'jakke', 'jordbær', 'kake', 'kakao', 'kamel', 'kanel', 'kanin',
  'kano', 'kastanje', 'katt', 'kiwi', 'kjeks', 'klokke', 'kløver', 'kompass', 'kopp', 'korall',
  'kråke', 'krus', 'kule', 'kvist', 'lampe', 'laks', 'lerke', 'lilje', 'lue', 'lykt',
  'lyng', 'lønn', 'makrell', 'mandel', 'maur', 'meis', 'melon', 'mose', 'mugge', 'multe',
  'måke', 'nøkkel', 'nøtt', 'oase', 'oliven', 'orkidé', 'oter', 'pai', 'papegøye', 'paraply',
  'pingvin', 'plomme', 'pute', 'pære', 'rabarbra', 'regn', 'rev', 'rips', 'rose', 'rosin',
  'rype', 'sardin', 'sekk', 'sel', 'sild', 'sitron', 'sjiraff', 'skje', 'skjell', 'slott',
  'snegle', 'snø', 'sofa', 'sol', 'sopp', 'spurv', 'stein', 'stjerne', 'strand', 'sukker',
  'svale', 'svane', 'syrin', 'tang', 'teppe', 'tiger', 'tog', 'torsk', 'trompet', 'tulipan',
  'tunfisk', 'ugle', 'ulv', 'vaffel', 'vannkanne', 'vante', 'veps', 'vind', 'vulkan', 'ørn',
  'ørret', 'øy', 'ål', 'åker', 'anker', 'bever', 'fyrtårn', 'kompost', 'lavendel', 'marsipan',
  'nebb', 'pinnsvin', 'reinsdyr', 'sommerfugl', 'tyttebær',
];
