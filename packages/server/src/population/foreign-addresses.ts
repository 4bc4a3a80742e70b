/**
 * Plausible foreign addresses (`InternasjonalAdresse`, ISO 3166-1 alpha-2 `landkode`) for emigrants and for
 * contact addresses abroad. Cities, street names and postcode shapes are written by the Folkeport project; the
 * country weights are a rough guess at which countries Norway's migration involves most, not statistics.
 */
import type { InternasjonalAdresse } from '@folkeport/model';
import { cumulative, type Random } from './random.js';

/** Where the house number goes: «Storgatan 12», «12 rue de la Gare», «Calle Mayor, 12», «Atatürk Caddesi No: 12». */
type NumberStyle = 'after' | 'before' | 'comma' | 'no';

export interface ForeignCountry {
  /** ISO 3166-1 alpha-2, as foreign addresses use it. */
  landkode: string;
  /** ISO 3166-1 alpha-3 (FREG's code for `statsborgerskap`, `tilflyttingsland` and the like). */
  alpha3: string;
  navn: string;
  weight: number;
  /** The postcode after the city's prefix: `#` a digit, `A` a capital letter; absent = no postcodes in use. */
  postcode?: string;
  numberStyle: NumberStyle;
  /** City name and the start of its postcodes. */
  cities: readonly (readonly [city: string, postcodePrefix: string])[];
  streets: readonly string[];
}

export const FOREIGN_COUNTRIES: readonly ForeignCountry[] = [
  {
    landkode: 'SE', alpha3: 'SWE', navn: 'Sverige', weight: 12, postcode: '# ##', numberStyle: 'after',
    cities: [
      ['Stockholm', '11'], ['Göteborg', '41'], ['Malmö', '21'], ['Uppsala', '75'], ['Karlstad', '65'],
      ['Strömstad', '45'], ['Luleå', '97'],
    ],
    streets: [
      'Storgatan', 'Kungsgatan', 'Drottninggatan', 'Skolgatan', 'Kyrkogatan', 'Järnvägsgatan', 'Parkvägen',
      'Björkvägen', 'Tallvägen', 'Ringvägen',
    ],
  },
  {
    landkode: 'DK', alpha3: 'DNK', navn: 'Danmark', weight: 6, postcode: '###', numberStyle: 'after',
    cities: [
      ['København', '2'], ['Aarhus', '8'], ['Odense', '5'], ['Aalborg', '9'], ['Esbjerg', '6'], ['Frederikshavn', '9'],
    ],
    streets: [
      'Vestergade', 'Østergade', 'Nørregade', 'Søndergade', 'Algade', 'Skolevej', 'Kirkevej', 'Birkevej',
      'Stationsvej', 'Strandvejen',
    ],
  },
  {
    landkode: 'FI', alpha3: 'FIN', navn: 'Finland', weight: 2, postcode: '###', numberStyle: 'after',
    cities: [['Helsinki', '00'], ['Tampere', '33'], ['Turku', '20'], ['Oulu', '90'], ['Rovaniemi', '96']],
    streets: [
      'Mannerheimintie', 'Hämeenkatu', 'Koulukatu', 'Kirkkokatu', 'Puistokatu', 'Rantatie', 'Koivukuja', 'Asemakatu',
    ],
  },
  {
    landkode: 'IS', alpha3: 'ISL', navn: 'Island', weight: 1, postcode: '#', numberStyle: 'after',
    cities: [['Reykjavík', '10'], ['Kópavogur', '20'], ['Akureyri', '60'], ['Hafnarfjörður', '22']],
    streets: ['Laugavegur', 'Hverfisgata', 'Skólavörðustígur', 'Aðalstræti', 'Sólvallagata', 'Hringbraut'],
  },
  {
    landkode: 'DE', alpha3: 'DEU', navn: 'Tyskland', weight: 5, postcode: '####', numberStyle: 'after',
    cities: [
      ['Berlin', '1'], ['Hamburg', '2'], ['München', '8'], ['Köln', '5'], ['Frankfurt am Main', '6'], ['Kiel', '2'],
    ],
    streets: [
      'Hauptstraße', 'Bahnhofstraße', 'Schulstraße', 'Gartenstraße', 'Dorfstraße', 'Bergstraße', 'Kirchstraße',
      'Lindenstraße', 'Birkenweg',
    ],
  },
  {
    landkode: 'GB', alpha3: 'GBR', navn: 'Storbritannia', weight: 5, postcode: '# #AA', numberStyle: 'before',
    cities: [
      ['London', 'SW1'], ['London', 'N1'], ['Manchester', 'M1'], ['Birmingham', 'B1'], ['Edinburgh', 'EH1'],
      ['Aberdeen', 'AB1'], ['Newcastle upon Tyne', 'NE1'],
    ],
    streets: [
      'High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'Park Avenue', 'Mill Lane', 'King Street',
      'Queens Road',
    ],
  },
  {
    landkode: 'US', alpha3: 'USA', navn: 'USA', weight: 6, postcode: '##', numberStyle: 'before',
    cities: [
      ['New York, NY', '100'], ['Seattle, WA', '981'], ['Minneapolis, MN', '554'], ['Houston, TX', '770'],
      ['San Francisco, CA', '941'], ['Chicago, IL', '606'], ['Boston, MA', '021'],
    ],
    streets: [
      'Main Street', 'Oak Avenue', 'Maple Drive', 'Park Avenue', 'Elm Street', 'Washington Street', 'Lake View Road',
      'Cedar Lane',
    ],
  },
  {
    landkode: 'ES', alpha3: 'ESP', navn: 'Spania', weight: 4, postcode: '###', numberStyle: 'comma',
    cities: [
      ['Madrid', '28'], ['Barcelona', '08'], ['Málaga', '29'], ['Alicante', '03'], ['Torrevieja', '03'],
      ['Las Palmas de Gran Canaria', '35'], ['Marbella', '29'],
    ],
    streets: [
      'Calle Mayor', 'Calle Real', 'Avenida de la Constitución', 'Calle del Sol', 'Calle San Juan',
      'Calle de la Iglesia', 'Paseo Marítimo',
    ],
  },
  {
    landkode: 'FR', alpha3: 'FRA', navn: 'Frankrike', weight: 2, postcode: '###', numberStyle: 'before',
    cities: [['Paris', '75'], ['Lyon', '69'], ['Marseille', '13'], ['Nice', '06'], ['Toulouse', '31']],
    streets: [
      'rue de la République', 'rue Victor Hugo', 'avenue Jean Jaurès', 'rue de la Gare', 'boulevard Pasteur',
      'rue du Moulin',
    ],
  },
  {
    landkode: 'IT', alpha3: 'ITA', navn: 'Italia', weight: 2, postcode: '###', numberStyle: 'comma',
    cities: [['Roma', '00'], ['Milano', '20'], ['Napoli', '80'], ['Torino', '10'], ['Firenze', '50']],
    streets: ['Via Roma', 'Via Garibaldi', 'Via Mazzini', 'Corso Vittorio Emanuele', 'Via Dante', 'Via Verdi'],
  },
  {
    landkode: 'NL', alpha3: 'NLD', navn: 'Nederland', weight: 2, postcode: '## AA', numberStyle: 'after',
    cities: [['Amsterdam', '10'], ['Rotterdam', '30'], ['Den Haag', '25'], ['Utrecht', '35'], ['Groningen', '97']],
    streets: [
      'Kerkstraat', 'Dorpsstraat', 'Schoolstraat', 'Molenweg', 'Stationsweg', 'Julianastraat', 'Beatrixlaan',
      'Hoofdstraat',
    ],
  },
  {
    landkode: 'PL', alpha3: 'POL', navn: 'Polen', weight: 12, postcode: '#-###', numberStyle: 'after',
    cities: [
      ['Warszawa', '0'], ['Kraków', '3'], ['Gdańsk', '8'], ['Wrocław', '5'], ['Poznań', '6'], ['Szczecin', '7'],
      ['Łódź', '9'],
    ],
    streets: [
      'ul. Długa', 'ul. Polna', 'ul. Leśna', 'ul. Słoneczna', 'ul. Lipowa', 'ul. Ogrodowa', 'ul. Kościuszki',
      'ul. Mickiewicza', 'ul. Szkolna',
    ],
  },
  {
    landkode: 'LT', alpha3: 'LTU', navn: 'Litauen', weight: 6, postcode: '####', numberStyle: 'after',
    cities: [
      ['Vilnius', 'LT-0'], ['Kaunas', 'LT-4'], ['Klaipėda', 'LT-9'], ['Šiauliai', 'LT-7'], ['Panevėžys', 'LT-3'],
    ],
    streets: ['Gedimino pr.', 'Vilniaus g.', 'Laisvės al.', 'Taikos pr.', 'Žalgirio g.', 'Savanorių pr.', 'Liepų g.'],
  },
  {
    landkode: 'LV', alpha3: 'LVA', navn: 'Latvia', weight: 2, postcode: '##', numberStyle: 'after',
    cities: [['Rīga', 'LV-10'], ['Daugavpils', 'LV-54'], ['Liepāja', 'LV-34'], ['Jelgava', 'LV-30']],
    streets: ['Brīvības iela', 'Elizabetes iela', 'Lāčplēša iela', 'Krasta iela', 'Dzirnavu iela', 'Skolas iela'],
  },
  {
    landkode: 'EE', alpha3: 'EST', navn: 'Estland', weight: 1, postcode: '####', numberStyle: 'after',
    cities: [['Tallinn', '1'], ['Tartu', '5'], ['Pärnu', '8'], ['Narva', '2']],
    streets: ['Pärnu mnt', 'Narva mnt', 'Tartu mnt', 'Kooli tn', 'Pikk tn', 'Aia tn'],
  },
  {
    landkode: 'PT', alpha3: 'PRT', navn: 'Portugal', weight: 1, postcode: '###-###', numberStyle: 'comma',
    cities: [['Lisboa', '1'], ['Porto', '4'], ['Faro', '8'], ['Coimbra', '3']],
    streets: ['Rua Augusta', 'Avenida da Liberdade', 'Rua de Santa Catarina', 'Rua do Carmo', 'Avenida da República'],
  },
  {
    landkode: 'RO', alpha3: 'ROU', navn: 'Romania', weight: 3, postcode: '####', numberStyle: 'after',
    cities: [['București', '03'], ['Cluj-Napoca', '40'], ['Iași', '70'], ['Timișoara', '30'], ['Constanța', '90']],
    streets: ['Strada Mihai Eminescu', 'Bulevardul Unirii', 'Strada Victoriei', 'Strada Libertății', 'Strada Florilor'],
  },
  {
    landkode: 'BG', alpha3: 'BGR', navn: 'Bulgaria', weight: 1, postcode: '###', numberStyle: 'after',
    cities: [['Sofia', '1'], ['Plovdiv', '4'], ['Varna', '9'], ['Burgas', '8']],
    streets: ['ul. Vasil Levski', 'bul. Vitosha', 'ul. Rakovski', 'ul. Graf Ignatiev', 'bul. Tsar Osvoboditel'],
  },
  {
    landkode: 'UA', alpha3: 'UKR', navn: 'Ukraina', weight: 5, postcode: '####', numberStyle: 'after',
    cities: [['Kyiv', '0'], ['Lviv', '7'], ['Kharkiv', '6'], ['Odesa', '6'], ['Dnipro', '4']],
    streets: [
      'vul. Shevchenka', 'vul. Franka', 'vul. Sadova', 'prosp. Peremohy', 'vul. Lesi Ukrainky', 'vul. Hrushevskoho',
    ],
  },
  {
    landkode: 'RU', alpha3: 'RUS', navn: 'Russland', weight: 2, postcode: '####', numberStyle: 'after',
    cities: [['Moskva', '10'], ['Sankt-Peterburg', '19'], ['Murmansk', '18'], ['Arkhangelsk', '16']],
    streets: ['ul. Lenina', 'ul. Sovetskaya', 'ul. Mira', 'ul. Gagarina', 'ul. Pushkina', 'ul. Sadovaya'],
  },
  {
    landkode: 'TR', alpha3: 'TUR', navn: 'Tyrkia', weight: 2, postcode: '###', numberStyle: 'no',
    cities: [['İstanbul', '34'], ['Ankara', '06'], ['İzmir', '35'], ['Antalya', '07'], ['Konya', '42']],
    streets: ['Atatürk Caddesi', 'Cumhuriyet Caddesi', 'İstiklal Caddesi', 'Okul Sokak', 'Çiçek Sokak', 'Gül Sokak'],
  },
  {
    landkode: 'SY', alpha3: 'SYR', navn: 'Syria', weight: 4, numberStyle: 'after',
    cities: [['Damaskus', ''], ['Aleppo', ''], ['Homs', ''], ['Latakia', ''], ['Hama', '']],
    streets: ['Al-Thawra Street', 'Baghdad Street', 'Al-Jalaa Street', 'Al-Nasr Street', 'Hamra Street'],
  },
  {
    landkode: 'SO', alpha3: 'SOM', navn: 'Somalia', weight: 3, numberStyle: 'after',
    cities: [['Muqdisho', ''], ['Hargeysa', ''], ['Kismaayo', ''], ['Baydhabo', ''], ['Boosaaso', ''], ['Garoowe', '']],
    streets: ['Maka Al Mukarama Road', 'Wadada Afgooye', 'Wadada Warshadaha', 'Wadada Jamhuuriyada'],
  },
  {
    landkode: 'ER', alpha3: 'ERI', navn: 'Eritrea', weight: 3, numberStyle: 'after',
    cities: [['Asmara', ''], ['Keren', ''], ['Massawa', ''], ['Mendefera', ''], ['Assab', '']],
    streets: ['Harnet Avenue', 'Sematat Avenue', 'Martyrs Avenue'],
  },
  {
    landkode: 'ET', alpha3: 'ETH', navn: 'Etiopia', weight: 1, numberStyle: 'after',
    cities: [['Addis Abeba', ''], ['Dire Dawa', ''], ['Mek’ele', ''], ['Bahir Dar', ''], ['Hawassa', '']],
    streets: ['Bole Road', 'Churchill Avenue', 'Africa Avenue', 'Haile Gebrselassie Road'],
  },
  {
    landkode: 'AF', alpha3: 'AFG', navn: 'Afghanistan', weight: 2, postcode: '##', numberStyle: 'after',
    cities: [['Kabul', '10'], ['Herat', '30'], ['Kandahar', '38'], ['Mazar-e Sharif', '17'], ['Jalalabad', '26']],
    streets: ['Darulaman Road', 'Jada-e Maiwand', 'Shahr-e Naw Street', 'Airport Road'],
  },
  {
    landkode: 'IQ', alpha3: 'IRQ', navn: 'Irak', weight: 2, postcode: '###', numberStyle: 'after',
    cities: [['Bagdad', '10'], ['Erbil', '44'], ['Basra', '61'], ['Sulaymaniyah', '46'], ['Duhok', '42']],
    streets: ['Al-Rasheed Street', 'Abu Nuwas Street', 'Al-Mutanabbi Street', 'Palestine Street', '60 Meter Road'],
  },
  {
    landkode: 'IR', alpha3: 'IRN', navn: 'Iran', weight: 2, numberStyle: 'after',
    cities: [['Teheran', ''], ['Mashhad', ''], ['Isfahan', ''], ['Shiraz', ''], ['Tabriz', '']],
    streets: ['Valiasr Street', 'Enghelab Street', 'Azadi Street', 'Ferdowsi Street', 'Hafez Street'],
  },
  {
    landkode: 'PK', alpha3: 'PAK', navn: 'Pakistan', weight: 2, postcode: '###', numberStyle: 'before',
    cities: [
      ['Karachi', '74'], ['Lahore', '54'], ['Islamabad', '44'], ['Kharian', '50'], ['Gujrat', '50'],
      ['Rawalpindi', '46'],
    ],
    streets: ['Mall Road', 'Jinnah Avenue', 'Shahrah-e-Faisal', 'GT Road', 'Allama Iqbal Road'],
  },
  {
    landkode: 'IN', alpha3: 'IND', navn: 'India', weight: 2, postcode: '###', numberStyle: 'before',
    cities: [
      ['Mumbai', '400'], ['New Delhi', '110'], ['Bengaluru', '560'], ['Chennai', '600'], ['Hyderabad', '500'],
      ['Pune', '411'],
    ],
    streets: ['MG Road', 'Station Road', 'Nehru Street', 'Gandhi Road', 'Park Street', 'Temple Street'],
  },
  {
    landkode: 'PH', alpha3: 'PHL', navn: 'Filippinene', weight: 3, postcode: '##', numberStyle: 'before',
    cities: [['Manila', '10'], ['Quezon City', '11'], ['Cebu City', '60'], ['Davao City', '80'], ['Iloilo City', '50']],
    streets: ['Rizal Avenue', 'Mabini Street', 'Bonifacio Street', 'Luna Street', 'Quezon Avenue'],
  },
  {
    landkode: 'TH', alpha3: 'THA', navn: 'Thailand', weight: 2, postcode: '###', numberStyle: 'before',
    cities: [
      ['Bangkok', '10'], ['Chiang Mai', '50'], ['Phuket', '83'], ['Pattaya', '20'], ['Udon Thani', '41'],
      ['Khon Kaen', '40'],
    ],
    streets: ['Sukhumvit Road', 'Silom Road', 'Phahonyothin Road', 'Charoen Krung Road', 'Rama IV Road'],
  },
  {
    landkode: 'VN', alpha3: 'VNM', navn: 'Vietnam', weight: 1, postcode: '####', numberStyle: 'before',
    cities: [['Hà Nội', '10'], ['Thành phố Hồ Chí Minh', '70'], ['Đà Nẵng', '55'], ['Hải Phòng', '18'], ['Huế', '53']],
    streets: ['Lê Lợi', 'Nguyễn Huệ', 'Trần Hưng Đạo', 'Hai Bà Trưng', 'Lý Thường Kiệt'],
  },
  {
    landkode: 'CN', alpha3: 'CHN', navn: 'Kina', weight: 1, postcode: '###', numberStyle: 'after',
    cities: [['Beijing', '100'], ['Shanghai', '200'], ['Guangzhou', '510'], ['Shenzhen', '518'], ['Chengdu', '610']],
    streets: ['Renmin Lu', 'Jiefang Lu', 'Zhongshan Lu', 'Jianshe Lu', 'Heping Lu'],
  },
  {
    landkode: 'BR', alpha3: 'BRA', navn: 'Brasil', weight: 1, postcode: '####-###', numberStyle: 'comma',
    cities: [
      ['São Paulo', '0'], ['Rio de Janeiro', '2'], ['Belo Horizonte', '3'], ['Salvador', '4'], ['Curitiba', '8'],
    ],
    streets: ['Rua das Flores', 'Avenida Paulista', 'Rua São João', 'Avenida Brasil', 'Rua Sete de Setembro'],
  },
  {
    landkode: 'CA', alpha3: 'CAN', navn: 'Canada', weight: 1, postcode: '#A# #A#', numberStyle: 'before',
    cities: [
      ['Toronto, ON', 'M'], ['Vancouver, BC', 'V'], ['Montréal, QC', 'H'], ['Calgary, AB', 'T'], ['Ottawa, ON', 'K'],
    ],
    streets: ['Main Street', 'King Street', 'Queen Street', 'Wellington Street', 'Maple Avenue'],
  },
  {
    landkode: 'AU', alpha3: 'AUS', navn: 'Australia', weight: 1, postcode: '###', numberStyle: 'before',
    cities: [
      ['Sydney NSW', '2'], ['Melbourne VIC', '3'], ['Brisbane QLD', '4'], ['Perth WA', '6'], ['Adelaide SA', '5'],
    ],
    streets: ['George Street', 'Collins Street', 'Queen Street', 'King Street', 'Beach Road', 'Church Street'],
  },
  {
    landkode: 'BA', alpha3: 'BIH', navn: 'Bosnia-Hercegovina', weight: 1, postcode: '###', numberStyle: 'after',
    cities: [['Sarajevo', '71'], ['Banja Luka', '78'], ['Tuzla', '75'], ['Mostar', '88'], ['Zenica', '72']],
    streets: ['Maršala Tita', 'Ferhadija', 'Zmaja od Bosne', 'Kralja Tvrtka', 'Titova'],
  },
  {
    landkode: 'XK', alpha3: 'XXK', navn: 'Kosovo', weight: 1, postcode: '###', numberStyle: 'after',
    cities: [['Prishtinë', '10'], ['Prizren', '20'], ['Pejë', '30'], ['Gjakovë', '50'], ['Ferizaj', '70']],
    streets: ['Rruga Nëna Terezë', 'Bulevardi Bill Klinton', 'Rruga Agim Ramadani', 'Rruga Luan Haradinaj'],
  },
  {
    landkode: 'AT', alpha3: 'AUT', navn: 'Østerrike', weight: 1, postcode: '##', numberStyle: 'after',
    cities: [['Wien', '11'], ['Graz', '80'], ['Salzburg', '50'], ['Innsbruck', '60'], ['Linz', '40']],
    streets: ['Hauptstraße', 'Bahnhofstraße', 'Kirchengasse', 'Schulgasse', 'Mariahilfer Straße', 'Landstraße'],
  },
  {
    landkode: 'BE', alpha3: 'BEL', navn: 'Belgia', weight: 1, postcode: '##', numberStyle: 'after',
    cities: [['Brussel', '10'], ['Antwerpen', '20'], ['Gent', '90'], ['Liège', '40'], ['Brugge', '80']],
    streets: ['Kerkstraat', 'Stationsstraat', 'Rue de la Station', 'Rue Royale', 'Avenue Louise', 'Grote Markt'],
  },
  {
    landkode: 'CH', alpha3: 'CHE', navn: 'Sveits', weight: 1, postcode: '##', numberStyle: 'after',
    cities: [['Zürich', '80'], ['Genève', '12'], ['Basel', '40'], ['Bern', '30'], ['Lausanne', '10']],
    streets: ['Bahnhofstrasse', 'Hauptstrasse', 'Dorfstrasse', 'Seestrasse', 'Kirchgasse', 'Rue du Lac'],
  },
  {
    landkode: 'CZ', alpha3: 'CZE', navn: 'Tsjekkia', weight: 1, postcode: '## ##', numberStyle: 'after',
    cities: [['Praha', '1'], ['Brno', '6'], ['Ostrava', '7'], ['Plzeň', '3'], ['Olomouc', '7']],
    streets: ['Hlavní', 'Nádražní', 'Školní', 'Komenského', 'Masarykova', 'Husova'],
  },
  {
    landkode: 'SK', alpha3: 'SVK', navn: 'Slovakia', weight: 1, postcode: '## ##', numberStyle: 'after',
    cities: [['Bratislava', '8'], ['Košice', '0'], ['Žilina', '0'], ['Nitra', '9'], ['Prešov', '0']],
    streets: ['Hlavná', 'Štúrova', 'Obchodná', 'Školská', 'Mierová', 'Námestie SNP'],
  },
  {
    landkode: 'HU', alpha3: 'HUN', navn: 'Ungarn', weight: 1, postcode: '##', numberStyle: 'after',
    cities: [['Budapest', '11'], ['Debrecen', '40'], ['Szeged', '67'], ['Pécs', '76'], ['Győr', '90']],
    streets: ['Fő utca', 'Kossuth Lajos utca', 'Petőfi Sándor utca', 'Rákóczi út', 'Andrássy út', 'Széchenyi tér'],
  },
  {
    landkode: 'HR', alpha3: 'HRV', navn: 'Kroatia', weight: 1, postcode: '###', numberStyle: 'after',
    cities: [['Zagreb', '10'], ['Split', '21'], ['Rijeka', '51'], ['Osijek', '31'], ['Zadar', '23']],
    streets: ['Ilica', 'Vukovarska ulica', 'Ulica kralja Zvonimira', 'Trg bana Jelačića', 'Savska cesta'],
  },
  {
    landkode: 'RS', alpha3: 'SRB', navn: 'Serbia', weight: 1, postcode: '###', numberStyle: 'after',
    cities: [['Beograd', '11'], ['Novi Sad', '21'], ['Niš', '18'], ['Kragujevac', '34'], ['Subotica', '24']],
    streets: ['Knez Mihailova', 'Bulevar kralja Aleksandra', 'Nemanjina', 'Cara Dušana', 'Zmaj Jovina'],
  },
  {
    landkode: 'GR', alpha3: 'GRC', navn: 'Hellas', weight: 1, postcode: '# ##', numberStyle: 'after',
    cities: [['Athína', '10'], ['Thessaloníki', '54'], ['Pátra', '26'], ['Irákleio', '71'], ['Chaniá', '73']],
    streets: ['Ermoú', 'Athinás', 'Leofóros Vasilíssis Sofías', 'Egnatía', 'Tsimiskí'],
  },
  {
    landkode: 'IE', alpha3: 'IRL', navn: 'Irland', weight: 1, postcode: ' A#A#', numberStyle: 'before',
    cities: [['Dublin', 'D02'], ['Cork', 'T12'], ['Galway', 'H91'], ['Limerick', 'V94'], ['Waterford', 'X91']],
    streets: ['Main Street', 'Church Road', "O'Connell Street", 'Patrick Street', 'Bridge Street', 'Strand Road'],
  },
  {
    landkode: 'CL', alpha3: 'CHL', navn: 'Chile', weight: 1, postcode: '#####', numberStyle: 'after',
    cities: [['Santiago', '83'], ['Valparaíso', '23'], ['Concepción', '40'], ['Antofagasta', '12']],
    streets: ['Avenida Providencia', 'Calle Santa Rosa', 'Calle Arturo Prat', 'Calle Los Carrera', 'Avenida Matta'],
  },
  {
    landkode: 'CO', alpha3: 'COL', navn: 'Colombia', weight: 1, postcode: '####', numberStyle: 'after',
    cities: [['Bogotá', '11'], ['Medellín', '05'], ['Cali', '76'], ['Barranquilla', '08'], ['Cartagena', '13']],
    streets: ['Avenida Boyacá', 'Avenida El Dorado', 'Avenida Santander', 'Calle Real', 'Avenida Oriental'],
  },
  {
    landkode: 'JP', alpha3: 'JPN', navn: 'Japan', weight: 1, postcode: '#-####', numberStyle: 'after',
    cities: [['Tōkyō', '10'], ['Ōsaka', '53'], ['Yokohama', '22'], ['Kyōto', '60'], ['Sapporo', '06']],
    streets: ['Chūō', 'Honchō', 'Sakaechō', 'Motomachi', 'Midorichō', 'Asahichō'],
  },
  {
    landkode: 'KE', alpha3: 'KEN', navn: 'Kenya', weight: 1, postcode: '###', numberStyle: 'after',
    cities: [['Nairobi', '00'], ['Mombasa', '80'], ['Kisumu', '40'], ['Nakuru', '20'], ['Eldoret', '30']],
    streets: ['Kenyatta Avenue', 'Moi Avenue', 'Ngong Road', 'Mombasa Road', 'Oginga Odinga Street'],
  },
  {
    landkode: 'NG', alpha3: 'NGA', navn: 'Nigeria', weight: 1, postcode: '####', numberStyle: 'before',
    cities: [['Lagos', '10'], ['Abuja', '90'], ['Kano', '70'], ['Ibadan', '20'], ['Port Harcourt', '50']],
    streets: ['Broad Street', 'Allen Avenue', 'Awolowo Road', 'Herbert Macaulay Way', 'Adeola Odeku Street'],
  },
  {
    landkode: 'MA', alpha3: 'MAR', navn: 'Marokko', weight: 1, postcode: '###', numberStyle: 'before',
    cities: [['Casablanca', '20'], ['Rabat', '10'], ['Marrakech', '40'], ['Fès', '30'], ['Tanger', '90']],
    streets: ['Boulevard Mohammed V', 'Avenue Hassan II', 'Rue de Fès', 'Avenue des FAR', 'Rue Ibn Battouta'],
  },
  {
    landkode: 'SD', alpha3: 'SDN', navn: 'Sudan', weight: 1, numberStyle: 'after',
    cities: [['Khartoum', ''], ['Omdurman', ''], ['Port Sudan', ''], ['Kassala', ''], ['Nyala', '']],
    streets: ['Nile Street', 'Al-Qasr Avenue', 'Al-Jamhuriya Street', 'Africa Road'],
  },
  {
    landkode: 'LK', alpha3: 'LKA', navn: 'Sri Lanka', weight: 1, postcode: '###', numberStyle: 'before',
    cities: [['Colombo', '00'], ['Kandy', '20'], ['Galle', '80'], ['Jaffna', '40'], ['Negombo', '11']],
    streets: ['Galle Road', 'Duplication Road', 'Kandy Road', 'Temple Road', 'Station Road'],
  },
  {
    landkode: 'NP', alpha3: 'NPL', navn: 'Nepal', weight: 1, postcode: '###', numberStyle: 'after',
    cities: [['Kathmandu', '44'], ['Pokhara', '33'], ['Lalitpur', '44'], ['Biratnagar', '56'], ['Bharatpur', '44']],
    streets: ['Durbar Marg', 'Kanti Path', 'Lakeside Road', 'Ring Road', 'New Road'],
  },
  {
    landkode: 'MM', alpha3: 'MMR', navn: 'Myanmar', weight: 1, postcode: '###', numberStyle: 'before',
    cities: [['Yangon', '11'], ['Mandalay', '05'], ['Naypyidaw', '15'], ['Mawlamyine', '12'], ['Bago', '08']],
    streets: ['Pyay Road', 'Sule Pagoda Road', 'Bogyoke Aung San Road', 'Anawrahta Road', 'Strand Road'],
  },
];

const BY_LANDKODE = new Map(FOREIGN_COUNTRIES.map((country) => [country.landkode, country]));
const WEIGHTS = cumulative(FOREIGN_COUNTRIES.map((country) => country.weight));
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/**
 * A foreign address in the given country (alpha-2), or in a country drawn by weight. For a valid code outside
 * FOREIGN_COUNTRIES only `landkode` is filled: every other field of InternasjonalAdresse is optional.
 */
export function foreignAddress(random: Random, landkode?: string): InternasjonalAdresse {
  if (landkode !== undefined && !/^[A-Z]{2}$/.test(landkode)) {
    throw new RangeError(`landkode "${landkode}" is not an ISO 3166-1 alpha-2 code (two capital letters, e.g. SE)`);
  }
  const country =
    landkode === undefined
      ? (FOREIGN_COUNTRIES[random.weightedIndex(WEIGHTS)] as ForeignCountry)
      : BY_LANDKODE.get(landkode);
  if (!country) return { landkode: landkode as string };

  const [city, prefix] = random.pick(country.cities);
  const street = random.pick(country.streets);
  const number = Math.min(199, 1 + Math.floor(Math.exp(random.normal(2.2, 0.9))));
  const adressenavn = withNumber(street, number, country.numberStyle);
  // Field order as in the schema (and in real responses): adressenavn, postkode, byEllerStedsnavn, landkode.
  if (country.postcode === undefined) return { adressenavn, byEllerStedsnavn: city, landkode: country.landkode };
  const postkode = prefix + fill(random, country.postcode);
  return { adressenavn, postkode, byEllerStedsnavn: city, landkode: country.landkode };
}

function withNumber(street: string, number: number, style: NumberStyle): string {
  switch (style) {
    case 'after':
      return `${street} ${number}`;
    case 'before':
      return `${number} ${street}`;
    case 'comma':
      return `${street}, ${number}`;
    case 'no':
      return `${street} No: ${number}`;
  }
}

/** `#` → a digit, `A` → a capital letter, anything else as is. */
function fill(random: Random, pattern: string): string {
  let out = '';
  for (const char of pattern) {
    if (char === '#') out += String(random.int(10));
    else if (char === 'A') out += LETTERS.charAt(random.int(LETTERS.length));
    else out += char;
  }
  return out;
}
