#include "iso3166.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace pbflow::scenario {

// The officially assigned codes of ISO 3166-1 (249 countries and territories).
static const char* const kCodes =
    "ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD "
    "BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR "
    "COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH "
    "ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL "
    "GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR "
    "JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR "
    "MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL "
    "NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY "
    "PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP "
    "SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA "
    "UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE";

// Their ISO 3166-1 alpha-2 codes, in the same order (from Debian's iso-codes,
// /usr/share/iso-codes/json/iso_3166-1.json; IATI names countries by these).
static const char* const kAlpha2 =
    "AW AF AO AI AX AL AD AE AR AM AS AQ TF AG AU AT AZ BI BE BJ BQ BF BD BG BH BS BA BL BY BZ BM BO BR BB BN "
    "BT BV BW CF CA CC CH CL CN CI CM CD CG CK CO KM CV CR CU CW CX KY CY CZ DE DJ DM DK DO DZ EC EG ER EH ES "
    "EE ET FI FJ FK FR FO FM GA GB GE GG GH GI GN GP GM GW GQ GR GD GL GT GF GU GY HK HM HN HR HT HU ID IM IN "
    "IO IE IR IQ IS IL IT JM JE JO JP KZ KE KG KH KI KN KR KW LA LB LR LY LC LI LK LS LT LU LV MO MF MA MC MD "
    "MG MV MX MH MK ML MT MM ME MN MP MZ MR MS MQ MU MW MY YT NA NC NE NF NG NI NU NL NO NP NR NZ OM PK PA PN "
    "PE PH PW PG PL PR KP PT PY PS PF QA RE RO RU RW SA SD SN SG GS SH SJ SB SL SV SM SO PM RS SS ST SR SK SI "
    "SE SZ SX SC SY TC TD TG TH TJ TK TM TL TO TT TN TR TV TW TZ UG UA UM UY US UZ VA VC VE VG VI VN VU WF WS "
    "YE ZA ZM ZW";

// Their English short names, in the same order, '|' between them (ISO 3166
// short names, shortened where the official form is long: Bolivia, Iran,
// Laos, Moldova, Russia, Syria, Tanzania, Venezuela, North and South Korea).
static const char* const kNames =
    "Aruba|Afghanistan|Angola|Anguilla|Aland Islands|Albania|Andorra|United Arab Emirates|Argentina|"
    "Armenia|American Samoa|Antarctica|French Southern Territories|Antigua and Barbuda|Australia|Austria|"
    "Azerbaijan|Burundi|Belgium|Benin|Bonaire, Sint Eustatius and Saba|Burkina Faso|Bangladesh|Bulgaria|"
    "Bahrain|Bahamas|Bosnia and Herzegovina|Saint Barthelemy|Belarus|Belize|Bermuda|Bolivia|Brazil|"
    "Barbados|Brunei Darussalam|Bhutan|Bouvet Island|Botswana|Central African Republic|Canada|"
    "Cocos (Keeling) Islands|Switzerland|Chile|China|Cote d'Ivoire|Cameroon|"
    "Democratic Republic of the Congo|Congo|Cook Islands|Colombia|Comoros|Cabo Verde|Costa Rica|Cuba|"
    "Curacao|Christmas Island|Cayman Islands|Cyprus|Czechia|Germany|Djibouti|Dominica|Denmark|"
    "Dominican Republic|Algeria|Ecuador|Egypt|Eritrea|Western Sahara|Spain|Estonia|Ethiopia|Finland|Fiji|"
    "Falkland Islands|France|Faroe Islands|Micronesia|Gabon|United Kingdom|Georgia|Guernsey|Ghana|"
    "Gibraltar|Guinea|Guadeloupe|Gambia|Guinea-Bissau|Equatorial Guinea|Greece|Grenada|Greenland|"
    "Guatemala|French Guiana|Guam|Guyana|Hong Kong|Heard Island and McDonald Islands|Honduras|Croatia|"
    "Haiti|Hungary|Indonesia|Isle of Man|India|British Indian Ocean Territory|Ireland|Iran|Iraq|Iceland|"
    "Israel|Italy|Jamaica|Jersey|Jordan|Japan|Kazakhstan|Kenya|Kyrgyzstan|Cambodia|Kiribati|"
    "Saint Kitts and Nevis|South Korea|Kuwait|Laos|Lebanon|Liberia|Libya|Saint Lucia|Liechtenstein|"
    "Sri Lanka|Lesotho|Lithuania|Luxembourg|Latvia|Macao|Saint Martin|Morocco|Monaco|Moldova|Madagascar|"
    "Maldives|Mexico|Marshall Islands|North Macedonia|Mali|Malta|Myanmar|Montenegro|Mongolia|"
    "Northern Mariana Islands|Mozambique|Mauritania|Montserrat|Martinique|Mauritius|Malawi|Malaysia|"
    "Mayotte|Namibia|New Caledonia|Niger|Norfolk Island|Nigeria|Nicaragua|Niue|Netherlands|Norway|Nepal|"
    "Nauru|New Zealand|Oman|Pakistan|Panama|Pitcairn|Peru|Philippines|Palau|Papua New Guinea|Poland|"
    "Puerto Rico|North Korea|Portugal|Paraguay|Palestine|French Polynesia|Qatar|Reunion|Romania|Russia|"
    "Rwanda|Saudi Arabia|Sudan|Senegal|Singapore|South Georgia and the South Sandwich Islands|"
    "Saint Helena|Svalbard and Jan Mayen|Solomon Islands|Sierra Leone|El Salvador|San Marino|Somalia|"
    "Saint Pierre and Miquelon|Serbia|South Sudan|Sao Tome and Principe|Suriname|Slovakia|Slovenia|"
    "Sweden|Eswatini|Sint Maarten|Seychelles|Syria|Turks and Caicos Islands|Chad|Togo|Thailand|"
    "Tajikistan|Tokelau|Turkmenistan|Timor-Leste|Tonga|Trinidad and Tobago|Tunisia|Turkiye|Tuvalu|Taiwan|"
    "Tanzania|Uganda|Ukraine|United States Minor Outlying Islands|Uruguay|United States|Uzbekistan|"
    "Holy See|Saint Vincent and the Grenadines|Venezuela|British Virgin Islands|US Virgin Islands|"
    "Viet Nam|Vanuatu|Wallis and Futuna|Samoa|Yemen|South Africa|Zambia|Zimbabwe";

const std::vector<std::string>& iso3166_alpha3_codes() {
  static const std::vector<std::string> codes = [] {
    std::vector<std::string> out;
    std::istringstream in(kCodes);
    for (std::string code; in >> code;) out.push_back(code);
    return out;
  }();
  return codes;
}

bool is_iso3166_alpha3(const std::string& code) {
  const auto& codes = iso3166_alpha3_codes();
  return std::binary_search(codes.begin(), codes.end(), code);
}

static const std::vector<std::string>& names() {
  static const std::vector<std::string> out = [] {
    std::vector<std::string> v;
    std::string all = kNames;
    for (std::size_t start = 0;;) {
      const std::size_t bar = all.find('|', start);
      v.push_back(all.substr(start, bar - start));
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    return v;
  }();
  return out;
}

const std::string& iso3166_name(const std::string& code) {
  static const std::string none;
  const auto& codes = iso3166_alpha3_codes();
  const auto it = std::lower_bound(codes.begin(), codes.end(), code);
  return it != codes.end() && *it == code ? names()[it - codes.begin()] : none;
}

// Letters only, in lower case: "Cote d'Ivoire" and "cote divoire" match.
static std::string folded(const std::string& text) {
  std::string out;
  for (unsigned char c : text)
    if (std::isalpha(c)) out += static_cast<char>(std::tolower(c));
  return out;
}

std::string iso3166_suggestion(const std::string& text) {
  std::string upper;
  for (unsigned char c : text) upper += static_cast<char>(std::toupper(c));
  if (upper != text && is_iso3166_alpha3(upper)) return " (write codes in capitals: `" + upper + "`)";
  const std::string key = folded(text);
  if (key.empty()) return "";
  const auto& codes = iso3166_alpha3_codes();
  for (std::size_t i = 0; i < codes.size(); ++i)
    if (folded(names()[i]) == key) return " (did you mean `" + codes[i] + "`, " + names()[i] + "?)";
  return "";
}

const std::string& iso3166_alpha2(const std::string& alpha3) {
  static const std::vector<std::string> alpha2 = [] {
    std::vector<std::string> out;
    std::istringstream in(kAlpha2);
    for (std::string code; in >> code;) out.push_back(code);
    return out;
  }();
  static const std::string none;
  const auto& codes = iso3166_alpha3_codes();
  const auto it = std::lower_bound(codes.begin(), codes.end(), alpha3);
  return it != codes.end() && *it == alpha3 ? alpha2[it - codes.begin()] : none;
}

const std::string& iso3166_alpha3_of(const std::string& alpha2) {
  static const std::string none;
  for (const std::string& code : iso3166_alpha3_codes())
    if (iso3166_alpha2(code) == alpha2) return code;
  return none;
}

}  // namespace pbflow::scenario
