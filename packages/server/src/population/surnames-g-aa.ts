/**
 * Common Norwegian surnames from G to Å, written by the Folkeport project (no counts), roughly in order of
 * frequency, most common first. They complete SSB's open A–F list, the only open surname counts (see
 * docs/reference-data.md, «Surnames»). names.ts weights them by rank against the A–F counts.
 */
export const SURNAMES_G_AA: readonly string[] = [
  // The -sen names and farm names that lead every Norwegian surname list.
  'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen', 'Johnsen',
  'Pettersen', 'Haugen', 'Hagen', 'Johannessen', 'Jacobsen', 'Jørgensen', 'Halvorsen', 'Henriksen', 'Lund',
  'Sørensen', 'Jakobsen', 'Moen', 'Gundersen', 'Iversen', 'Strand', 'Solberg', 'Svendsen', 'Knutsen', 'Martinsen',
  'Paulsen', 'Kristoffersen', 'Mathisen', 'Lie', 'Nguyen', 'Rasmussen', 'Lunde', 'Solheim', 'Moe', 'Nygård',
  'Kristensen', 'Holm', 'Lien', 'Hauge', 'Nielsen', 'Knudsen', 'Sæther', 'Myhre', 'Hanssen', 'Haugland',
  'Thomassen', 'Sivertsen', 'Simonsen', 'Sandvik', 'Rønning', 'Næss', 'Vik', 'Haug', 'Thorsen', 'Isaksen',
  'Gulbrandsen', 'Ruud', 'Strøm', 'Myklebust', 'Tangen', 'Ødegård', 'Helland', 'Jenssen', 'Mikkelsen', 'Tveit',
  'Madsen', 'Lorentzen', 'Mortensen', 'Hovland', 'Nordby', 'Ottesen', 'Olsson', 'Hussain', 'Khan', 'Sandberg',
  'Sunde', 'Hammer', 'Sandnes', 'Nilssen', 'Tønnessen', 'Wold', 'Vold', 'Syversen', 'Torgersen', 'Stene',
  'Skoglund', 'Solli', 'Rød', 'Lindberg', 'Gjerde', 'Heggelund', 'Nordli', 'Hoel', 'Ødegaard', 'Hetland',
  // Common farm and place names.
  'Røed', 'Sørlie', 'Lindstad', 'Langeland', 'Sand', 'Mo', 'Ness', 'Tveten', 'Midtbø', 'Økland', 'Vestby',
  'Hovde', 'Rustad', 'Teigen', 'Skaar', 'Viken', 'Holmen', 'Voll', 'Hole', 'Sletten', 'Granli', 'Lillevik',
  'Holte', 'Nyberg', 'Opsahl', 'Grønli', 'Sveen', 'Kvalheim', 'Løken', 'Kleven',
  'Nygaard', 'Nes', 'Hegland', 'Stokke', 'Tobiassen', 'Ludvigsen', 'Kvam', 'Tollefsen', 'Rønneberg', 'Mjelde',
  'Jansen', 'Kolstad', 'Rolland', 'Hustad', 'Skjelbred', 'Vatne', 'Steen', 'Øverland', 'Helle',
  'Ramberg', 'Hopland', 'Grande', 'Nordvik', 'Tjelle', 'Sagen', 'Hatlestad', 'Kvalvik', 'Stenberg', 'Solbakken',
  'Leirvik', 'Hovden', 'Olaussen', 'Hellesøy', 'Rønningen', 'Kolberg', 'Vikan', 'Tvedt', 'Lium',
  'Lyngstad', 'Mikalsen', 'Seljestad', 'Hagland', 'Otterstad', 'Jakobsson', 'Larsson', 'Karlsson',
  'Refsnes', 'Rognstad', 'Skog', 'Holt', 'Haraldsen', 'Gabrielsen', 'Hermansen', 'Jonassen',
  'Kjølstad', 'Lunden', 'Marthinsen', 'Nordahl', 'Nordstrøm', 'Oppedal', 'Pallesen', 'Reitan', 'Rognes',
  'Samuelsen', 'Skjæveland', 'Stangeland', 'Sundby', 'Thoresen', 'Torkildsen', 'Ulriksen', 'Vangen', 'Wang',
  'Wilhelmsen', 'Øien', 'Østby', 'Ødegården', 'Ås', 'Åsen', 'Åkre', 'Mohamed', 'Hassan',
  'Singh', 'Tran', 'Pham', 'Le', 'Nowak',
  'Mohammed', 'Omar', 'Osman', 'Yusuf', 'Jama', 'Warsame', 'Tesfay', 'Haile', 'Kaur', 'Shah',
  // The long tail.
  'Grønvold', 'Gulliksen', 'Gjertsen', 'Hjelle', 'Holmstrøm', 'Huse', 'Husby', 'Høgberg', 'Høyland', 'Ingebrigtsen',
  'Instefjord', 'Jevne', 'Jordal', 'Juvik', 'Kaspersen', 'Kvernmo', 'Kvinge', 'Langli', 'Leknes', 'Lervik',
  'Lilleby', 'Lindahl', 'Lindgren', 'Lindseth', 'Lunder', 'Lyng', 'Løvås', 'Mellem', 'Melby', 'Melhus', 'Moberg',
  'Monsen', 'Myrvang', 'Mæland', 'Mørk', 'Nesse', 'Nordgård', 'Norum', 'Nyhus', 'Nystad', 'Olufsen', 'Opheim',
  'Ottersen', 'Pettersson', 'Ravndal', 'Reinholdtsen', 'Riise', 'Rinde', 'Rise', 'Roald', 'Rosland',
  'Rygh', 'Rørvik', 'Sandøy', 'Seim', 'Selnes', 'Skjervheim', 'Skogen', 'Skår', 'Slettebø', 'Solem',
  'Steinsland', 'Stokkeland', 'Storli', 'Strømme', 'Sundt', 'Svendsby', 'Sæterdal', 'Søvik', 'Taraldsen', 'Thue',
  'Tollefsrud', 'Torp', 'Tufte', 'Tveiten', 'Ueland', 'Ulvestad', 'Valle', 'Vatnaland', 'Veum', 'Vestli',
  'Vågen', 'Walle', 'Westby', 'Wiik', 'Østli', 'Øvrebø', 'Øyen', 'Ølstad', 'Grimstad',
  'Gran', 'Grøtting', 'Haagensen', 'Hafstad', 'Hamre', 'Heggem', 'Helgesen', 'Hellum', 'Hodne', 'Hogstad',
  'Hovda', 'Hunstad', 'Håland', 'Jahr', 'Jordheim', 'Kirkeby', 'Kleppe', 'Krogh', 'Kvalsvik',
  'Lauvås', 'Lindvik', 'Lothe', 'Lyse', 'Myrseth', 'Njå', 'Nordhus', 'Reiersen', 'Remme',
  'Rognli', 'Rudi', 'Salvesen', 'Schjetne', 'Sjursen', 'Skjelstad', 'Sletta', 'Stavik', 'Strømsnes', 'Søreide',
  'Thorvaldsen', 'Tjøstheim', 'Trana', 'Tunheim', 'Urdal', 'Varhaug', 'Vinje', 'Værnes', 'Ystad', 'Øksnes',
];
