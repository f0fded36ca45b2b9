/**
 * The sandbox's manufacturers: invented names that read like the law-enforcement, tactical and
 * shooting-sports makers Kroll carries. Each has a unique 4-letter code (the SKU prefix and the
 * ManufacturerCode column), the departments it makes products for, a weight (bigger makers have
 * more SKUs) and a 6-digit UPC company prefix (about a third start with 0, so their UPCs have
 * leading zeros).
 */
import { fmix32 } from './random.js';

/** Department letters, see categories.ts. */
export type Department = 'L' | 'D' | 'R' | 'A' | 'P' | 'F' | 'O' | 'G' | 'S' | 'N' | 'K' | 'C' | 'M' | 'B' | 'X' | 'T';

export interface Maker {
  code: string;
  name: string;
  departments: readonly Department[];
  /** Relative number of SKUs. */
  weight: number;
  /** Six digits, the first digits of every UPC of this maker. */
  upcPrefix: string;
}

// code | name | departments | weight
const TABLE = `
STRE|Strelka Lighting Co.|L|6
IRON|Ironvale Tactical®|DG|5
BLKR|Blackridge Duty Gear|DR|5
REDS|Redstone Optics™|O|4
GRAN|Granite Peak Armor|A|3
TRUN|TrueNorth Uniform Co.|P|6
VALR|Valor Line Footwear|F|3
SENT|Sentry Restraint Systems|R|2
HALO|Halo Beam Technologies|L|3
KEST|Kestrel Arms Accessories|G|4
OAKR|Oakridge Leather Works|D|4
PATR|Patrol Pro®|DB|5
SHLD|Shieldwall Protective|A|2
CORV|Corvid Outdoor Apparel|P|4
MARS|Marshal Supply Co.|DRT|4
APEX|Apex Ballistic Systems|A|3
TALN|Talon Edge Knives|K|3
VIGL|Vigil Communications|C|2
LIFE|Lifeline Tactical Medical|M|3
RUCK|Ruckline Packs|B|3
CART|Cartridge Works Ammunition|X|4
SIGN|Signal Safety Products|T|2
RANG|RangeMaster Targets™|S|3
QUIE|QuietShot Hearing|S|2
ASPN|Aspen Ridge Outfitters|PB|3
BRAV|Bravado Tactical|DG|3
CMDR|Commander Holster Co.|D|4
DELT|Delta Point Optics|O|3
EAGL|Eagle Crest Uniforms|P|5
FALC|Falcon Ridge Lights|L|2
GARD|Guardian Restraints®|R|2
HAWK|Hawkline Defense|GA|3
JUST|Justice Leather & Nylon|D|4
KNOX|Knox Ballistics|A|2
LAWM|Lawman Duty Products|DR|3
MERI|Meridian Optics|O|2
NOMA|Nomad Tactical Bags|B|2
OMEG|Omega Training Systems|SN|2
PION|Pioneer Cutlery|K|2
QUAR|Quarry Steel Targets|S|1
RAMP|Rampart Shields|A|1
SABR|Saber Defense Sprays|N|3
TITN|Titan Boot Co.|F|3
UNIT|Unity Radio Accessories|C|2
VANG|Vanguard Patrol Lighting™|L|3
WARD|Warden Security Supply|RT|2
XCEL|Xcel Gunworks|G|3
YORK|Yorktown Apparel|P|3
ZENI|Zenith Scopes|O|2
ALPN|Alpine Trail Packs|B|2
BADG|BadgeLine Leather|D|2
BEAR|Bearclaw Gloves|P|2
BOLT|Boltcatch Magazines|G|3
BRKN|Brookline Tactical Medical|M|2
BULW|Bulwark Armor Systems®|A|3
CASC|Cascade Outerwear|P|2
CHRG|ChargePoint Batteries|CL|2
CITA|Citadel Safety Cones|T|1
COBR|Cobra Ridge Knives|K|2
CRES|Crestwood Holsters|D|3
DEFN|Defender Products Group|DN|3
DURA|DuraTrek Boots|F|2
ECHO|Echo Six Comms|C|2
EMBR|Ember Flares & Signals|T|1
ENFO|Enforcer Gear™|DR|3
EVER|Everwatch Optics|O|2
FIEL|Fieldcraft Outfitters|BK|2
FIRM|Firmline Grips|G|2
FLNT|Flint Hill Ammunition|X|3
FORT|Fortress Body Armor|A|3
FRON|Frontline Trauma Supply|M|2
GLAC|Glacier Apparel|P|2
GRIT|Grit & Iron Training|S|1
GUID|Guidepost Traffic Safety|T|1
HARB|Harbor Point Marine & Tactical|BL|2
HERI|Heritage Holster Co.|D|3
HIGH|Highland Shooting Sports|S|2
HORI|Horizon Riflescopes™|O|3
HUNT|Huntsman Cutlery|K|2
ICON|Icon Duty Footwear|F|2
INTR|Interceptor Lighting|L|2
JAGR|Jaeger Field Optics|O|2
KEYS|Keystone Restraints|R|1
LANC|Lancer Batons|N|2
LEGN|Legion Tactical Apparel|P|4
LIBR|Liberty Leatherworks|D|3
LYNX|Lynx Signal Products|T|1
MAGN|Magnum Flashlights|L|3
MAVR|Maverick Gun Care|G|2
MERC|Mercer Body Armor|A|2
MIDW|Midwest Range Supply|S|2
MONT|Montague Boots|F|2
NORT|Northstar Comms|C|2
NOVA|Nova Beam®|L|2
OUTP|Outpost Duffels|B|1
PALA|Paladin Protective Gear|AN|2
PEAK|Peakline Headlamps|L|1
PHAL|Phalanx Riot Control|AN|1
PINN|Pinnacle Uniform Works|P|3
PRAI|Prairie Fire Ammunition|X|2
PREC|Precision Mount Systems|O|2
PROT|Protector Restraints|R|1
QUIC|QuickDraw Concealment™|D|3
RAID|Raider Slings|G|1
RANS|Ranson Medical|M|1
RECN|Recon Field Gear|B|2
REGL|Regal Badge & Emblem|DP|2
RELI|Reliant Radio Gear|C|1
RIDG|Ridgeback Knives|K|2
ROAD|Roadguard Safety|T|1
ROGU|Rogue Valley Leather|D|2
SADL|Saddleback Holsters|D|2
SAVA|Savanna Tactical Optics|O|1
SCOU|Scout Lighting Co.|L|2
SHAR|Sharpline Edge Tools|K|1
SIER|Sierra Patrol Outerwear|P|2
SKYL|Skyline Hearing Protection|S|1
SNIP|Sniper Ridge Targets|S|1
SOLI|Solid Ground Boots®|F|2
SPAR|Spartan Shield Co.|A|2
SPEC|Spectra Eye Protection|S|2
STAL|Stalwart Restraints|R|1
STEL|Steelhead Steel Targets|S|1
STRK|Strikepoint Less-Lethal|N|2
SUMM|Summit Packs|B|2
TACO|Tacoma Tactical Apparel|P|3
TARG|Target Zone Training Aids|S|1
TEMP|Tempest Rainwear|P|1
TERR|Terra Firma Boots|F|2
THOR|Thornton Gun Grips|G|1
THUN|Thunderbolt Batteries|C|1
TORC|Torchlight Tactical|L|2
TRAC|Tracer Ammunition Co.|X|2
TRID|Trident Marine Lights|L|1
TROO|Trooper Duty Gear|D|3
TUND|Tundra Cold-Weather Gear|P|1
ULTR|Ultra Grip Gloves|P|1
URBN|Urban Patrol Bags|B|1
VALI|Valiant Medical Supply|M|1
VECT|Vector Sling Co.|G|1
VELO|Velocity Optics|O|2
VENT|Ventura Ballistics|A|1
VERT|Vertex Flashlights™|L|2
VIPR|Viper Defense Sprays|N|1
VISN|Vision Guard Eyewear|S|1
VOLT|Voltage Comms|C|1
WARR|Warrior Creek Knives|K|1
WATC|Watchman Traffic Products|T|1
WEST|Westbrook Leather|D|2
WILD|Wildcat Range Gear|S|1
WOLF|Wolfpack Tactical|DB|2
ZULU|Zulu Nine Gear|DB|1
ACAD|Academy Training Products|NS|1
ADMI|Admiral Uniform Caps|P|1
ANCH|Anchor Point Slings|G|1
ARCT|Arctic Shield Apparel|P|1
ARGO|Argonaut Lights|L|1
ATLS|Atlas Armor Works|A|2
AXIS|Axis Mounts & Rings|O|1
BAST|Bastion Ballistic Shields|A|1
BEAC|Beacon Traffic Safety|T|1
BRIG|Brigade Boots|F|2
CALB|Caliber Cleaning Systems|G|2
CAMP|Campbell Tactical Medical|M|1
CANY|Canyon Creek Optics|O|1
CENT|Centurion Restraints|R|1
CHAP|Chaparral Targets|S|1
CLIF|Cliffside Packs|B|1
COMP|Compass Point Comms|C|1
COPR|Copperhead Knives|K|1
CRSS|Crossfire Training Aids|NS|1
DARK|Darkhorse Lighting|L|2
DAWN|Dawnbreaker Headlamps|L|1
DEPU|Deputy Leather Goods|D|2
DIAM|Diamondplate Grips|G|1
DOMN|Dominion Armor|A|1
DRAG|Dragonfly Optics|O|1
DUNE|Dune Rider Boots|F|1
ELEV|Elevation Packs|B|1
EMRG|Emergent Trauma Solutions|M|1
EXCA|Excalibur Cutlery|K|1
FLAG|Flagstaff Uniforms|P|2
FORG|Forge Point Knives|K|1
GALE|Gale Force Outerwear|P|1
GATE|Gatekeeper Restraints|R|1
HALB|Halberd Less-Lethal|N|1
HAVN|Haven Hearing Protection|S|1
HEXA|Hexagon Steel Targets|S|1
HOLT|Holt Ammunition|X|2
IRNS|Ironside Shields|A|1
`;

function upcPrefixFor(code: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < code.length; i++) h = fmix32(h ^ code.charCodeAt(i));
  // About a third of the makers use number system 0, a few of them with a second leading zero.
  const kind = h % 9;
  const rest = fmix32(h ^ 0x2545f491);
  if (kind < 2) return '00' + String(1000 + (rest % 9000));
  if (kind < 3) return '0' + String(10000 + (rest % 90000));
  return String(600000 + (rest % 300000));
}

export const MAKERS: readonly Maker[] = TABLE.trim()
  .split('\n')
  .map((line) => {
    const [code, name, departments, weight] = line.split('|') as [string, string, string, string];
    return {
      code,
      name,
      departments: departments.split('') as Department[],
      weight: Number(weight),
      upcPrefix: upcPrefixFor(code),
    };
  });

/** Cumulative weights for picking a maker with one random number. */
const CUMULATIVE: Float64Array = (() => {
  const c = new Float64Array(MAKERS.length);
  let sum = 0;
  MAKERS.forEach((m, i) => {
    sum += m.weight;
    c[i] = sum;
  });
  for (let i = 0; i < c.length; i++) c[i] = (c[i] as number) / sum;
  return c;
})();

/** The maker index for a uniform number u in [0, 1). */
export function makerIndexFor(u: number): number {
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((CUMULATIVE[mid] as number) > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Rank of each maker's code in ascending code order (the inventory file is sorted by SKU). */
export const MAKER_CODE_RANK: readonly number[] = (() => {
  const order = MAKERS.map((m, i) => ({ code: m.code, i })).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const rank = new Array<number>(MAKERS.length).fill(0);
  order.forEach((o, r) => {
    rank[o.i] = r;
  });
  return rank;
})();
