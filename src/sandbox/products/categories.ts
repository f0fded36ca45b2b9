/**
 * The sandbox's category tree (at most three levels; some products stop at level 1 or 2) and,
 * per leaf, the vocabulary and number ranges its products are made from. Strings here are the
 * raw text that goes into the files: inch marks (12" barrel) and degree signs are meant.
 */
import type { Department } from './makers.js';

export interface CategoryLeaf {
  department: Department;
  path: readonly [string, string | null, string | null];
  /** What the product is, as it appears in its name. */
  nouns: readonly string[];
  /** A distinguishing attribute in the name (size, output, fit). */
  specs: readonly string[];
  /** Colour or size variants. */
  variants: readonly string[];
  /** Bullet points of the long description. */
  features: readonly string[];
  /** MSRP range, dollars. */
  price: readonly [number, number];
  /** Weight range, pounds. */
  weight: readonly [number, number];
  /** Typical length, width, height, inches. */
  size: readonly [number, number, number];
  /** Probability that a product of this leaf is hazardous (shipping). */
  hazardous: number;
}

const COLORS = ['Black', 'Coyote', 'OD Green', 'Tan', 'Ranger Green', 'Wolf Gray', 'FDE', 'Multicam'];
const UNIFORM_COLORS = ['LAPD Navy', 'Midnight Navy', 'Black', 'Silver Tan', 'Spruce Green', 'Charcoal', 'Khaki'];
const SIZES = ['Small', 'Medium', 'Large', 'X-Large', '2X-Large', '3X-Large'];
const FINISHES = ['Plain Black', 'Basketweave', 'Hi-Gloss', 'Nylon Black', 'Clarino'];

export const CATEGORY_LEAVES: readonly CategoryLeaf[] = [
  // Lighting
  {
    department: 'L', path: ['Lighting', 'Weapon Lights', 'Pistol Lights'],
    nouns: ['Pistol Light', 'Weapon Light', 'Compact Rail Light', 'Light/Laser Combo'],
    specs: ['500 Lumens', '800 Lumens', '1,000 Lumens', 'Green Laser', 'Red Laser', 'Rail Mount'],
    variants: ['Black', 'FDE'],
    features: ['Ambidextrous momentary and constant-on switch', 'Tool-free rail clamp fits Picatinny and universal rails', 'Aircraft-grade 6061-T6 aluminum body', 'IPX7 waterproof to 1 meter for 30 minutes', 'Runs on two CR123A lithium batteries (included)', 'Impact-resistant polycarbonate lens', 'Strobe mode for disorientation'],
    price: [89, 459], weight: [0.12, 0.4], size: [3.5, 1.4, 1.4], hazardous: 0.05,
  },
  {
    department: 'L', path: ['Lighting', 'Weapon Lights', 'Rifle Lights'],
    nouns: ['Rifle Light', 'Long Gun Light', 'Scout Light', 'Shotgun Forend Light'],
    specs: ['1,200 Lumens', '1,500 Lumens', '2,000 Lumens', 'M-LOK Mount', 'Picatinny Mount', 'Remote Pressure Switch'],
    variants: ['Black', 'FDE', 'OD Green'],
    features: ['Tail-cap and remote pressure switch included', 'Withstands recoil of 12-gauge and .308 rifles', 'TIR optic for a tight hot spot with usable spill', 'Anodized aluminum body, Type III hard coat', 'IPX7 waterproof', 'Mounts at 12 o’clock or offset at 45°', 'Sized for carbines down to a 12" barrel'],
    price: [119, 389], weight: [0.2, 0.6], size: [5.5, 1.6, 1.6], hazardous: 0.05,
  },
  {
    department: 'L', path: ['Lighting', 'Handheld Lights', 'Duty Flashlights'],
    nouns: ['Duty Flashlight', 'Rechargeable Flashlight', 'Patrol Light', 'Tactical Flashlight'],
    specs: ['650 Lumens', '1,100 Lumens', '3,600 Lumens', 'with 120V/12V Charger', 'USB-C Rechargeable', '12" Length'],
    variants: ['Black', 'Yellow', 'Blue'],
    features: ['Three programmable modes: high, medium and strobe', 'Rechargeable lithium-ion battery pack', 'Anti-roll head with crenellated bezel', 'Charges in the cradle in under 4 hours', 'Rubber-armored grip for use with gloves', 'Beam distance of 300 meters'],
    price: [39, 249], weight: [0.3, 1.9], size: [9, 2, 2], hazardous: 0.2,
  },
  {
    department: 'L', path: ['Lighting', 'Handheld Lights', 'Penlights'],
    nouns: ['Penlight', 'Medical Penlight', 'Pocket Light', 'Inspection Light'],
    specs: ['100 Lumens', '250 Lumens', 'AAA Battery', 'Clip-On'],
    variants: ['Black', 'White', 'Silver'],
    features: ['Pocket clip with push-button tail switch', 'Runs on two AAA alkaline batteries', 'Machined aluminum body', 'Fits a shirt pocket or notebook spine', 'Evenly lit beam for pupil checks'],
    price: [12, 69], weight: [0.05, 0.15], size: [5.5, 0.6, 0.6], hazardous: 0,
  },
  {
    department: 'L', path: ['Lighting', 'Headlamps', null],
    nouns: ['Headlamp', 'Helmet Light', 'Tactical Headlamp'],
    specs: ['120° Beam', '350 Lumens', 'Red/White LED', 'Motion Sensor'],
    variants: ['Black', 'Coyote'],
    features: ['Tilts 90° for close work or distance', 'Red LED preserves night vision', 'Elastic strap with helmet clips', 'Runs on three AAA batteries or a rechargeable pack', 'Lockout mode prevents accidental activation'],
    price: [24, 129], weight: [0.12, 0.35], size: [3, 2.5, 1.8], hazardous: 0.05,
  },
  {
    department: 'L', path: ['Lighting', 'Light Holders', null],
    nouns: ['Flashlight Holder', 'Light Ring', 'Swivel Light Holder'],
    specs: ['for 1" Lights', 'for 1-1/4" Lights', 'Fits 2-1/4" Belts'],
    variants: FINISHES,
    features: ['Open-top design for a fast draw', 'Fits duty belts up to 2-1/4" wide', 'Molded nylon that won’t scratch the bezel', 'Swivels 360° for sitting in a patrol car'],
    price: [9, 39], weight: [0.05, 0.2], size: [3, 2, 1.5], hazardous: 0,
  },
  // Duty gear
  {
    department: 'D', path: ['Duty Gear', 'Holsters', 'Duty Holsters'],
    nouns: ['Duty Holster', 'Level III Retention Holster', 'Level II Duty Holster', 'Light-Bearing Duty Holster'],
    specs: ['for 4" Barrels', 'for 4.5" Barrels', 'for 5" Barrels', 'Mid-Ride', 'Drop Offset', 'Right Hand', 'Left Hand'],
    variants: FINISHES,
    features: ['Level III retention: hood, auto-lock and thumb release', 'Molded SafariSeven-style thermoplastic shell', 'Adjustable cant from 0° to 15°', 'Fits duty belts up to 2-1/4" wide', 'Suede lining protects the finish', 'Rated for 10,000 draws in agency testing', 'Accepts most weapon lights'],
    price: [79, 239], weight: [0.6, 1.4], size: [10, 4, 3], hazardous: 0,
  },
  {
    department: 'D', path: ['Duty Gear', 'Holsters', 'Concealment Holsters'],
    nouns: ['IWB Holster', 'OWB Holster', 'Appendix Holster', 'Paddle Holster', 'Ankle Holster'],
    specs: ['for 3" Barrels', 'for 3.5" Barrels', 'for 4" Barrels', 'Right Hand', 'Left Hand', 'Fits 1-1/2" Belts'],
    variants: ['Black', 'Tan', 'Brown', 'Havana'],
    features: ['Kydex shell with adjustable retention screw', 'Adjustable ride height and cant', 'Full sweat guard', 'Open muzzle for longer barrels', 'Clips fit belts from 1-1/2" to 1-3/4"', 'Leather backing for all-day comfort'],
    price: [39, 149], weight: [0.2, 0.6], size: [7, 4, 1.5], hazardous: 0,
  },
  {
    department: 'D', path: ['Duty Gear', 'Belts', 'Duty Belts'],
    nouns: ['Duty Belt', 'Sam Browne Belt', 'Padded Duty Belt', 'Gun Belt'],
    specs: ['2-1/4" Wide', '2" Wide', '1-3/4" Wide', 'Size 32', 'Size 36', 'Size 40', 'Size 44'],
    variants: FINISHES,
    features: ['2-1/4" wide to carry a full duty load', 'Hook-side lining mates with an inner belt', 'Three-point buckle with a 500 lb. rating', 'Leather layered over a stiffening insert', 'Sized by waist measurement'],
    price: [39, 139], weight: [0.6, 1.3], size: [12, 5, 2], hazardous: 0,
  },
  {
    department: 'D', path: ['Duty Gear', 'Belts', 'Inner Belts'],
    nouns: ['Inner Belt', 'Liner Belt', 'Trouser Belt'],
    specs: ['1-1/2" Wide', '1-3/4" Wide', 'Hook-Side', 'Size 34', 'Size 38', 'Size 42'],
    variants: ['Black', 'Navy'],
    features: ['Loop-side face mates with hook-lined duty belts', 'Keeps the duty belt from riding up', 'Low-profile buckle', 'Fits 1-3/4" trouser loops'],
    price: [14, 45], weight: [0.2, 0.5], size: [10, 4, 1], hazardous: 0,
  },
  {
    department: 'D', path: ['Duty Gear', 'Belt Accessories', 'Magazine Pouches'],
    nouns: ['Double Magazine Pouch', 'Single Magazine Pouch', 'Open-Top Mag Carrier', 'Rifle Magazine Pouch'],
    specs: ['for Double-Stack 9mm/.40', 'for Single-Stack .45', 'for 5.56 Magazines', 'Fits 2-1/4" Belts'],
    variants: FINISHES,
    features: ['Hidden snap closure', 'Adjustable tension screws', 'Fits 2-1/4" duty belts', 'Elastic inserts hold magazines securely', 'Molded to the magazine shape'],
    price: [19, 79], weight: [0.1, 0.4], size: [5, 4, 1.5], hazardous: 0,
  },
  {
    department: 'D', path: ['Duty Gear', 'Belt Accessories', 'Handcuff Cases'],
    nouns: ['Handcuff Case', 'Double Handcuff Case', 'Open-Top Cuff Case'],
    specs: ['for Chain Cuffs', 'for Hinged Cuffs', 'Fits 2-1/4" Belts'],
    variants: FINISHES,
    features: ['Fits most chain and hinged handcuffs', 'Hidden snap closure', 'Key slot in the flap', 'Belt loop fits 2-1/4" duty belts'],
    price: [19, 59], weight: [0.1, 0.3], size: [4, 3.5, 2], hazardous: 0,
  },
  {
    department: 'D', path: ['Duty Gear', 'Belt Accessories', 'Radio Holders'],
    nouns: ['Radio Holder', 'Swivel Radio Case', 'Radio Pouch'],
    specs: ['Adjustable', 'for Portable Radios', 'Fits 2-1/4" Belts'],
    variants: FINISHES,
    features: ['Adjustable to fit most portable radios', 'Swivel belt loop', 'Drain hole at the base', 'Heavy-duty snap strap'],
    price: [24, 69], weight: [0.15, 0.4], size: [7, 4, 2.5], hazardous: 0,
  },
  {
    department: 'D', path: ['Duty Gear', 'Badge Holders', null],
    nouns: ['Badge Holder', 'Neck Chain Badge Holder', 'Belt Clip Badge Holder', 'ID Case'],
    specs: ['Recessed', 'with 30" Neck Chain', 'Universal Fit'],
    variants: ['Black', 'Brown'],
    features: ['Fits most shield and oval badges', 'Clear ID window', 'Belt clip and neck chain included', 'Genuine top-grain leather'],
    price: [12, 49], weight: [0.1, 0.25], size: [5, 3.5, 1], hazardous: 0,
  },
  // Restraints
  {
    department: 'R', path: ['Restraints', 'Handcuffs', 'Chain Handcuffs'],
    nouns: ['Chain Handcuffs', 'Standard Handcuffs', 'Lightweight Handcuffs'],
    specs: ['Nickel Finish', 'Black Finish', 'Two Keys', 'Double-Lock'],
    variants: ['Nickel', 'Black Oxide', 'Blue'],
    features: ['Double-lock prevents over-tightening', 'Carbon steel, nickel plated', 'Standard universal handcuff key', 'Meets NIJ Standard-0307.01', 'Key holes both sides'],
    price: [24, 69], weight: [0.5, 0.7], size: [8, 3.5, 1], hazardous: 0,
  },
  {
    department: 'R', path: ['Restraints', 'Handcuffs', 'Hinged Handcuffs'],
    nouns: ['Hinged Handcuffs', 'Double-Hinged Handcuffs', 'Oversized Hinged Handcuffs'],
    specs: ['Nickel Finish', 'Black Finish', 'Oversized'],
    variants: ['Nickel', 'Black Oxide'],
    features: ['Hinge limits wrist movement', 'Double-lock mechanism', 'Heat-treated steel bow', 'Two universal keys included'],
    price: [34, 89], weight: [0.55, 0.8], size: [8, 3.5, 1], hazardous: 0,
  },
  {
    department: 'R', path: ['Restraints', 'Leg Irons', null],
    nouns: ['Leg Irons', 'Oversized Leg Irons', 'Transport Leg Restraints'],
    specs: ['15" Chain', '18" Chain', 'Nickel Finish'],
    variants: ['Nickel', 'Black'],
    features: ['Chain length allows a normal stride', 'Double-lock mechanism', 'Fits standard handcuff keys', 'For transport and court appearances'],
    price: [39, 119], weight: [1.2, 2], size: [12, 5, 2], hazardous: 0,
  },
  {
    department: 'R', path: ['Restraints', 'Disposable Restraints', null],
    nouns: ['Disposable Restraints', 'Flex Cuffs', 'Double Cuff Restraints'],
    specs: ['Pack of 10', 'Pack of 25', 'Pack of 100', '30" Length'],
    variants: ['Black', 'White', 'Yellow'],
    features: ['Nylon 6/6 rated to 350 lb.', 'Single-use, cut free with safety cutters', 'Lightweight to carry in quantity', 'Double loop for both wrists'],
    price: [19, 159], weight: [0.3, 3], size: [12, 6, 2], hazardous: 0,
  },
  // Body armor
  {
    department: 'A', path: ['Body Armor', 'Carriers', 'Outer Carriers'],
    nouns: ['Outer Carrier', 'Patrol Vest Carrier', 'MOLLE Outer Carrier', 'Uniform-Style Carrier'],
    specs: ['Size S/M', 'Size L/XL', 'Size 2XL/3XL', 'with ID Panels'],
    variants: ['Black', 'LAPD Navy', 'OD Green', 'Coyote'],
    features: ['MOLLE webbing front and back', 'Moisture-wicking liner', 'Adjustable shoulder and side straps', 'Accepts 10" x 12" plates', 'Front pocket for a radio', 'Hook-and-loop ID panels'],
    price: [99, 399], weight: [1.2, 3], size: [16, 14, 3], hazardous: 0,
  },
  {
    department: 'A', path: ['Body Armor', 'Carriers', 'Concealable Carriers'],
    nouns: ['Concealable Carrier', 'Low-Profile Vest Carrier', 'Undershirt Carrier'],
    specs: ['Size M', 'Size L', 'Size XL', 'Male Cut', 'Female Cut'],
    variants: ['White', 'Black', 'Navy'],
    features: ['Breathable mesh lining', 'Wears under a uniform shirt', 'Adjustable elastic side straps', 'Machine washable (panels removed)'],
    price: [89, 249], weight: [0.8, 1.8], size: [15, 12, 2], hazardous: 0,
  },
  {
    department: 'A', path: ['Body Armor', 'Plates', 'Level III Plates'],
    nouns: ['Level III Plate', 'Level III+ Rifle Plate', 'Stand-Alone Plate'],
    specs: ['10" x 12"', '11" x 14"', 'SAPI Cut', 'Shooter’s Cut'],
    variants: ['Single Curve', 'Multi Curve'],
    features: ['Tested to NIJ 0101.06 Level III', 'Stops 7.62×51 M80 ball', 'Polyethylene composite, 3/4" thick', 'Multi-hit rated', 'Five-year warranty'],
    price: [149, 649], weight: [3, 8], size: [12, 10, 1], hazardous: 0,
  },
  {
    department: 'A', path: ['Body Armor', 'Plates', 'Level IV Plates'],
    nouns: ['Level IV Plate', 'Ceramic Rifle Plate'],
    specs: ['10" x 12"', '11" x 14"', 'SAPI Cut'],
    variants: ['Single Curve', 'Multi Curve'],
    features: ['Tested to NIJ 0101.06 Level IV', 'Stops .30-06 M2 AP', 'Alumina ceramic strike face', 'Spall-reducing cover'],
    price: [299, 899], weight: [6, 9], size: [12, 10, 1], hazardous: 0,
  },
  {
    department: 'A', path: ['Body Armor', 'Helmets', null],
    nouns: ['Ballistic Helmet', 'High-Cut Helmet', 'Riot Helmet', 'Bump Helmet'],
    specs: ['Level IIIA', 'Size M/L', 'Size L/XL', 'with NVG Shroud'],
    variants: ['Black', 'Tan', 'Ranger Green'],
    features: ['Level IIIA ballistic protection', 'Four-point dial retention', 'Side rails for lights and cameras', 'Replaceable pads'],
    price: [129, 1299], weight: [1.5, 3.5], size: [12, 10, 8], hazardous: 0,
  },
  {
    department: 'A', path: ['Body Armor', 'Ballistic Shields', null],
    nouns: ['Ballistic Shield', 'Entry Shield', 'Patrol Shield'],
    specs: ['20" x 34"', '24" x 36"', 'Level IIIA', 'with Viewport'],
    variants: ['Black'],
    features: ['Level IIIA protection', 'Ballistic viewport', 'Integrated light mount', 'Ambidextrous handle'],
    price: [899, 4999], weight: [12, 30], size: [36, 24, 4], hazardous: 0,
  },
  // Apparel
  {
    department: 'P', path: ['Apparel', 'Uniform Shirts', 'Long Sleeve'],
    nouns: ['Uniform Shirt', 'Class A Shirt', 'Class B Shirt', 'Tactical Shirt'],
    specs: ['Long Sleeve', '65/35 Poly/Cotton', 'Stretch Ripstop', 'Neck 16-1/2"'],
    variants: UNIFORM_COLORS,
    features: ['Permanent creases', 'Badge tab and mic loops', 'Zippered pen pocket', 'Moisture-wicking fabric', 'Sized by neck and sleeve'],
    price: [39, 89], weight: [0.5, 0.9], size: [13, 10, 1.5], hazardous: 0,
  },
  {
    department: 'P', path: ['Apparel', 'Uniform Shirts', 'Short Sleeve'],
    nouns: ['Uniform Shirt', 'Polo Shirt', 'Duty Polo', 'Class B Shirt'],
    specs: ['Short Sleeve', 'Performance Knit', 'Ripstop'],
    variants: UNIFORM_COLORS,
    features: ['Badge tab and mic loops', 'Anti-microbial treatment', 'Vented back yoke', 'Fade-resistant color'],
    price: [29, 69], weight: [0.4, 0.7], size: [13, 10, 1.5], hazardous: 0,
  },
  {
    department: 'P', path: ['Apparel', 'Pants', 'Tactical Pants'],
    nouns: ['Tactical Pants', 'Duty Pants', 'Cargo Pants', 'EMS Pants'],
    specs: ['32" Inseam', '34" Inseam', 'Unhemmed', 'Waist 34', 'Waist 38'],
    variants: UNIFORM_COLORS,
    features: ['Gusseted crotch', 'Cargo pockets with hidden closures', 'Teflon fabric protector', 'Articulated knees', 'Fits a 1-3/4" belt'],
    price: [39, 99], weight: [0.9, 1.6], size: [14, 12, 2], hazardous: 0,
  },
  {
    department: 'P', path: ['Apparel', 'Outerwear', 'Jackets'],
    nouns: ['Patrol Jacket', 'Soft Shell Jacket', 'Bomber Jacket', 'Reversible Hi-Vis Jacket'],
    specs: ['Rated to -20°F', 'Waterproof', 'Insulated', 'with Zip-Out Liner'],
    variants: SIZES,
    features: ['Waterproof, breathable shell', 'Badge tab and mic loops', 'Zip-out fleece liner', 'Side zips for access to the duty belt', 'Reflective “POLICE” panel under a cover flap'],
    price: [79, 349], weight: [1.5, 4], size: [16, 14, 4], hazardous: 0,
  },
  {
    department: 'P', path: ['Apparel', 'Outerwear', 'Rainwear'],
    nouns: ['Rain Jacket', 'Rain Pants', 'Raincoat', 'Rain Poncho'],
    specs: ['Hi-Vis', 'Reversible', 'Packable'],
    variants: SIZES,
    features: ['Sealed seams', 'ANSI/ISEA 107 Class 3 when reversed', 'Storm flap over the zipper', 'Packs into its own pocket'],
    price: [29, 159], weight: [0.6, 2], size: [14, 12, 3], hazardous: 0,
  },
  {
    department: 'P', path: ['Apparel', 'Gloves', 'Duty Gloves'],
    nouns: ['Duty Gloves', 'Patrol Gloves', 'Shooting Gloves', 'Winter Duty Gloves'],
    specs: ['Touchscreen', 'Insulated', 'Size M', 'Size L', 'Size XL'],
    variants: ['Black', 'Coyote'],
    features: ['Goatskin palm', 'Touchscreen-compatible fingertips', 'Thin enough for a trigger finger', 'Rated to 0°F with insulation'],
    price: [19, 89], weight: [0.1, 0.3], size: [10, 5, 1], hazardous: 0,
  },
  {
    department: 'P', path: ['Apparel', 'Gloves', 'Cut-Resistant Gloves'],
    nouns: ['Search Gloves', 'Cut-Resistant Gloves', 'Needle-Resistant Gloves'],
    specs: ['ANSI A5', 'ANSI A7', 'ANSI A9', 'Size L'],
    variants: ['Black'],
    features: ['ANSI/ISEA 105 cut level A7', 'Liner of high-performance fiber', 'Leather palm for grip', 'Safe for pat-down searches'],
    price: [34, 129], weight: [0.15, 0.35], size: [10, 5, 1], hazardous: 0,
  },
  {
    department: 'P', path: ['Apparel', 'Headwear', null],
    nouns: ['Uniform Cap', 'Baseball Cap', 'Watch Cap', 'Campaign Hat'],
    specs: ['Size 7-1/4', 'Size 7-3/8', 'Adjustable', 'Fleece-Lined'],
    variants: ['Black', 'Navy', 'Silver Tan'],
    features: ['Embroidered front panel available', 'Sweatband for comfort', 'Adjustable rear strap', 'Fits under a helmet'],
    price: [12, 89], weight: [0.1, 0.4], size: [11, 8, 5], hazardous: 0,
  },
  // Footwear
  {
    department: 'F', path: ['Footwear', 'Duty Boots', '8" Boots'],
    nouns: ['Duty Boot', 'Side-Zip Boot', 'Waterproof Duty Boot', 'Composite Toe Boot'],
    specs: ['8" Side Zip', 'Size 9 Wide', 'Size 10.5', 'Size 12', 'Waterproof'],
    variants: ['Black'],
    features: ['8" leather and nylon upper', 'YKK side zip', 'Slip-resistant rubber outsole', 'Waterproof membrane', 'Composite safety toe, ASTM F2413', 'Rated to -10°F with 200 g insulation'],
    price: [89, 229], weight: [2.5, 4], size: [13, 9, 5], hazardous: 0,
  },
  {
    department: 'F', path: ['Footwear', 'Duty Boots', '6" Boots'],
    nouns: ['Duty Boot', 'Low-Profile Boot', 'Athletic Duty Boot'],
    specs: ['6" Height', 'Size 8', 'Size 11 Wide', 'Lightweight'],
    variants: ['Black', 'Coyote'],
    features: ['6" upper for agility', 'Oil- and slip-resistant outsole', 'Removable cushioned insole', 'Polishable toe'],
    price: [79, 189], weight: [2, 3.2], size: [13, 9, 5], hazardous: 0,
  },
  {
    department: 'F', path: ['Footwear', 'Tactical Boots', null],
    nouns: ['Tactical Boot', 'Desert Boot', 'Jungle Boot', 'Assault Boot'],
    specs: ['8" Height', 'Size 10', 'Size 11', 'Hot Weather'],
    variants: ['Coyote', 'Tan', 'Black'],
    features: ['Suede and nylon upper', 'Drain vents for hot weather', 'Speed lacing', 'Vibram-style lug outsole'],
    price: [99, 239], weight: [2.4, 3.8], size: [13, 9, 5], hazardous: 0,
  },
  {
    department: 'F', path: ['Footwear', null, null],
    nouns: ['Boot Care Kit', 'Replacement Insoles', 'Boot Laces', 'Boot Zipper Kit'],
    specs: ['72" Laces', 'Universal Fit', 'Size M'],
    variants: ['Black'],
    features: ['Fits most duty boots', 'Quick to install', 'Sold in pairs'],
    price: [6, 39], weight: [0.1, 0.5], size: [6, 4, 2], hazardous: 0,
  },
  // Optics
  {
    department: 'O', path: ['Optics', 'Red Dot Sights', null],
    nouns: ['Red Dot Sight', 'Reflex Sight', 'Pistol Red Dot', 'Holographic Sight'],
    specs: ['2 MOA Dot', '3.25 MOA Dot', '6 MOA Dot', '65 MOA Ring', 'Green Dot'],
    variants: ['Black', 'FDE'],
    features: ['Battery life of 50,000 hours at setting 6', 'Night-vision compatible settings', 'Parallax free beyond 50 yards', 'Fog-proof from -20°F to 140°F', 'Co-witnesses with standard-height sights'],
    price: [149, 799], weight: [0.08, 0.5], size: [2.5, 1.3, 1.5], hazardous: 0.03,
  },
  {
    department: 'O', path: ['Optics', 'Riflescopes', 'Tactical Riflescopes'],
    nouns: ['Riflescope', 'LPVO', 'Tactical Scope', 'Precision Riflescope'],
    specs: ['1-6x24', '1-8x24', '3-18x50', '5-25x56', '30 mm Tube', '34 mm Tube', 'FFP'],
    variants: ['Black', 'FDE'],
    features: ['First focal plane illuminated reticle', 'Exposed locking turrets', 'Nitrogen purged, fog-proof', 'Fully multi-coated lenses', 'Zero stop for a fast return to zero'],
    price: [299, 2499], weight: [1.2, 2.5], size: [12, 3, 3], hazardous: 0,
  },
  {
    department: 'O', path: ['Optics', 'Riflescopes', 'Hunting Riflescopes'],
    nouns: ['Riflescope', 'Hunting Scope', 'Crossbow Scope'],
    specs: ['3-9x40', '4-12x40', '2.5-10x44', '1" Tube', 'Duplex Reticle'],
    variants: ['Matte Black'],
    features: ['Capped turrets with 1/4 MOA clicks', 'Fast-focus eyepiece', 'Waterproof and shockproof', '3.5" eye relief'],
    price: [99, 699], weight: [0.9, 1.6], size: [12, 2.5, 2.5], hazardous: 0,
  },
  {
    department: 'O', path: ['Optics', 'Binoculars', null],
    nouns: ['Binoculars', 'Compact Binoculars', 'Rangefinder Binoculars'],
    specs: ['8x42', '10x42', '10x25', '12x50'],
    variants: ['Black', 'OD Green'],
    features: ['Roof prism with phase coating', 'Waterproof and fog-proof', 'Twist-up eyecups', 'Tripod adaptable'],
    price: [69, 899], weight: [0.6, 2.2], size: [6, 5, 2.5], hazardous: 0,
  },
  {
    department: 'O', path: ['Optics', 'Mounts & Rings', 'Scope Rings'],
    nouns: ['Scope Rings', 'Cantilever Scope Mount', 'One-Piece Scope Mount'],
    specs: ['30 mm', '34 mm', '1"', 'Medium Height', 'High Height'],
    variants: ['Black'],
    features: ['Machined from 7075-T6 aluminum', 'Picatinny clamp with recoil lug', 'Torque specs laser-engraved', 'Return to zero after removal'],
    price: [39, 329], weight: [0.15, 0.6], size: [5, 2, 2], hazardous: 0,
  },
  {
    department: 'O', path: ['Optics', 'Mounts & Rings', 'Red Dot Mounts'],
    nouns: ['Red Dot Riser', 'Offset Optic Mount', 'Co-Witness Mount'],
    specs: ['45° Offset', 'Absolute Co-Witness', 'Lower 1/3 Co-Witness', '1.93" Height'],
    variants: ['Black'],
    features: ['Mounts a red dot at 45° to the main optic', 'Fits Picatinny rails', 'Lightweight aluminum', 'Hardware included'],
    price: [29, 199], weight: [0.05, 0.3], size: [3, 1.5, 1.5], hazardous: 0,
  },
  // Firearm accessories
  {
    department: 'G', path: ['Firearm Accessories', 'Magazines', 'Pistol Magazines'],
    nouns: ['Pistol Magazine', 'Extended Magazine', 'Compact Magazine'],
    specs: ['9mm 17-Round', '.40 S&W 15-Round', '.45 ACP 8-Round', '10-Round State Compliant'],
    variants: ['Black'],
    features: ['Anti-tilt follower', 'Stainless steel body', 'Witness holes for a round count', 'Removable floorplate'],
    price: [24, 69], weight: [0.15, 0.35], size: [5, 1.5, 1], hazardous: 0,
  },
  {
    department: 'G', path: ['Firearm Accessories', 'Magazines', 'Rifle Magazines'],
    nouns: ['Rifle Magazine', 'Polymer Magazine', 'Drum Magazine'],
    specs: ['5.56 30-Round', '.308 20-Round', '5.56 10-Round', '300 BLK 30-Round'],
    variants: ['Black', 'FDE', 'OD Green'],
    features: ['Impact-resistant polymer body', 'Constant-curve design', 'Anti-tilt, self-lubricating follower', 'Over-travel insertion stop'],
    price: [14, 129], weight: [0.25, 2.5], size: [9, 3, 1.2], hazardous: 0,
  },
  {
    department: 'G', path: ['Firearm Accessories', 'Slings', null],
    nouns: ['Two-Point Sling', 'Single-Point Sling', 'Padded Rifle Sling', 'Convertible Sling'],
    specs: ['1-1/4" Webbing', '1" Webbing', 'QD Swivels', 'Quick Adjust'],
    variants: COLORS,
    features: ['Pull-tab adjuster changes length fast', 'Balances short carbines with a 12" barrel', '1-1/4" nylon webbing', 'Converts from two-point to single-point', 'Push-button QD swivels included'],
    price: [19, 89], weight: [0.2, 0.6], size: [10, 4, 2], hazardous: 0,
  },
  {
    department: 'G', path: ['Firearm Accessories', 'Grips', null],
    nouns: ['Pistol Grip', 'Vertical Foregrip', 'Grip Sleeve', 'Rubber Grip'],
    specs: ['Finger Grooves', 'Overmolded', 'Angled', 'M-LOK'],
    variants: ['Black', 'FDE', 'OD Green'],
    features: ['Overmolded rubber for a secure hold', 'Storage core in the grip', 'Fits standard AR-15 lowers', 'Aggressive texture without snagging clothing'],
    price: [14, 69], weight: [0.1, 0.3], size: [5, 2, 1.5], hazardous: 0,
  },
  {
    department: 'G', path: ['Firearm Accessories', 'Cleaning', 'Cleaning Kits'],
    nouns: ['Cleaning Kit', 'Universal Cleaning Kit', 'Bore Cleaning System', 'Field Cleaning Kit'],
    specs: ['.22 to .45 Caliber', '12 Gauge', 'Pistol', 'Rifle and Pistol'],
    variants: ['Black'],
    features: ['Coated cleaning rods won’t scratch the bore', 'Bronze brushes for .22 through .45', 'Compact case fits a range bag', 'Includes patches and a patch holder'],
    price: [14, 119], weight: [0.4, 2.5], size: [10, 6, 2.5], hazardous: 0,
  },
  {
    department: 'G', path: ['Firearm Accessories', 'Cleaning', 'Solvents & Lubricants'],
    nouns: ['Gun Oil', 'Bore Solvent', 'CLP', 'Gun Grease'],
    specs: ['4 oz.', '16 oz.', '1 Gallon', 'Aerosol 10 oz.'],
    variants: ['Bottle', 'Aerosol'],
    features: ['Cleans, lubricates and protects in one step', 'Works from -65°F to 475°F', 'Displaces moisture', 'Biodegradable formula'],
    price: [6, 59], weight: [0.3, 9], size: [6, 2.5, 2.5], hazardous: 0.75,
  },
  // Shooting sports
  {
    department: 'S', path: ['Shooting Sports', 'Targets', 'Paper Targets'],
    nouns: ['Paper Targets', 'Silhouette Targets', 'Qualification Targets', 'Reactive Splatter Targets'],
    specs: ['23" x 35"', '12" x 18"', '8" Bullseye', 'Pack of 100', 'Pack of 25'],
    variants: ['Green', 'Blue', 'Tan', 'Black'],
    features: ['Heavy 50 lb. stock', 'Meets most state qualification courses', 'Scoring rings visible at 25 yards', 'Shipped flat'],
    price: [8, 79], weight: [0.5, 12], size: [24, 18, 1], hazardous: 0,
  },
  {
    department: 'S', path: ['Shooting Sports', 'Targets', 'Steel Targets'],
    nouns: ['Steel Target', 'Steel Silhouette', 'Dueling Tree', 'Plate Rack'],
    specs: ['3/8" AR500', '1/2" AR500', '12" Gong', '8" Plate', 'IPSC Size'],
    variants: ['Orange', 'White', 'Unpainted'],
    features: ['AR500 steel, 500 Brinell hardness', 'Rated for pistol and rifle at safe distances', 'Powder-coat finish', 'Hanger hardware included'],
    price: [49, 899], weight: [4, 80], size: [18, 12, 4], hazardous: 0,
  },
  {
    department: 'S', path: ['Shooting Sports', 'Hearing Protection', 'Electronic Earmuffs'],
    nouns: ['Electronic Earmuffs', 'Tactical Earmuffs', 'Slim Electronic Muffs'],
    specs: ['NRR 22 dB', 'NRR 25 dB', 'Bluetooth', 'Helmet Mount'],
    variants: ['Black', 'Coyote', 'OD Green'],
    features: ['Amplifies range commands, cuts gunshots in 2 ms', 'Runs on two AAA batteries', 'Slim cups clear a rifle stock', 'Auto shut-off after 4 hours'],
    price: [39, 349], weight: [0.5, 0.9], size: [7, 6, 4], hazardous: 0.02,
  },
  {
    department: 'S', path: ['Shooting Sports', 'Hearing Protection', 'Earplugs'],
    nouns: ['Foam Earplugs', 'Reusable Earplugs', 'Corded Earplugs'],
    specs: ['NRR 32 dB', 'NRR 29 dB', '200 Pairs', '50 Pairs'],
    variants: ['Orange', 'Blue'],
    features: ['Soft foam for all-day comfort', 'Tapered shape fits most ears', 'Individually wrapped pairs'],
    price: [4, 49], weight: [0.05, 1.5], size: [6, 4, 4], hazardous: 0,
  },
  {
    department: 'S', path: ['Shooting Sports', 'Eye Protection', null],
    nouns: ['Shooting Glasses', 'Ballistic Eyewear', 'Safety Glasses', 'Goggles'],
    specs: ['Clear Lens', 'Smoke Lens', 'Amber Lens', 'Interchangeable Lenses'],
    variants: ['Black Frame', 'Tortoise Frame'],
    features: ['Meets ANSI Z87.1+ and MIL-PRF-32432', 'Anti-fog, scratch-resistant coating', '99.9% UV protection', 'Rubber temple tips'],
    price: [9, 149], weight: [0.05, 0.3], size: [7, 3, 2], hazardous: 0,
  },
  {
    department: 'S', path: ['Shooting Sports', 'Range Gear', null],
    nouns: ['Shooting Mat', 'Range Timer', 'Target Stand', 'Brass Catcher'],
    specs: ['72" x 35"', 'Shot Timer', 'Portable', 'Adjustable'],
    variants: ['Black', 'Coyote'],
    features: ['Folds for transport', 'Weather-resistant', 'Sets up in under a minute', 'Works indoors and outdoors'],
    price: [19, 299], weight: [0.5, 15], size: [24, 12, 6], hazardous: 0,
  },
  // Less lethal
  {
    department: 'N', path: ['Less Lethal', 'OC Spray', null],
    nouns: ['OC Spray', 'Pepper Spray', 'OC Foam', 'OC Gel'],
    specs: ['1.3% MC', '2 oz.', '4 oz.', 'MK-3', 'MK-4', 'MK-9 Fogger'],
    variants: ['Stream', 'Cone', 'Fogger', 'Gel'],
    features: ['1.3% major capsaicinoids', 'Effective to 15 feet', 'Flip-top actuator prevents accidental discharge', 'UV marking dye', 'Shelf life of four years'],
    price: [9, 69], weight: [0.15, 1.3], size: [5, 1.5, 1.5], hazardous: 1,
  },
  {
    department: 'N', path: ['Less Lethal', 'Batons', 'Expandable Batons'],
    nouns: ['Expandable Baton', 'Friction-Lock Baton', 'Auto-Lock Baton'],
    specs: ['16"', '21"', '26"', 'Airweight'],
    variants: ['Black Chrome', 'Electroless Nickel', 'Black Powder Coat'],
    features: ['4140 heat-treated steel shafts', 'Foam or rubber grip', 'Closes with a strike on a hard surface', 'Fits a standard baton scabbard'],
    price: [59, 179], weight: [0.5, 1.3], size: [9, 1.5, 1.5], hazardous: 0,
  },
  {
    department: 'N', path: ['Less Lethal', 'Training', 'Inert Trainers'],
    nouns: ['Inert OC Trainer', 'Training Baton', 'Training Pistol', 'Red Gun Trainer'],
    specs: ['Inert', 'Blue', 'Red', 'Weighted'],
    variants: ['Blue', 'Red'],
    features: ['Same size and weight as the duty item', 'Water-based inert formula', 'Safe for force-on-force training', 'Clearly marked as a trainer'],
    price: [9, 99], weight: [0.2, 2.5], size: [8, 4, 2], hazardous: 0.1,
  },
  // Knives and tools
  {
    department: 'K', path: ['Knives & Tools', 'Folding Knives', null],
    nouns: ['Folding Knife', 'Assisted Opening Knife', 'Rescue Folder', 'Tanto Folder'],
    specs: ['3.5" Blade', '3" Blade', '4" Blade', 'Serrated', 'Plain Edge'],
    variants: ['Black', 'Tan', 'OD Green'],
    features: ['Thumb stud and flipper opening', 'Liner lock', 'G-10 handle scales', 'Reversible deep-carry clip', 'Glass breaker on the pommel'],
    price: [29, 249], weight: [0.1, 0.35], size: [8, 1.5, 0.6], hazardous: 0,
  },
  {
    department: 'K', path: ['Knives & Tools', 'Fixed Blade Knives', null],
    nouns: ['Fixed Blade Knife', 'Utility Knife', 'Neck Knife', 'Combat Knife'],
    specs: ['4" Blade', '5.5" Blade', '7" Blade', 'Kydex Sheath'],
    variants: ['Black', 'Coyote'],
    features: ['Full-tang blade', 'Kydex sheath with belt clip', 'Textured rubber handle', 'Powder-coated carbon steel'],
    price: [39, 299], weight: [0.2, 0.8], size: [11, 2, 1], hazardous: 0,
  },
  {
    department: 'K', path: ['Knives & Tools', 'Multi-Tools', null],
    nouns: ['Multi-Tool', 'Tactical Multi-Tool', 'Armorer’s Tool'],
    specs: ['18 Tools', '12 Tools', 'with Bit Kit', '4" Closed'],
    variants: ['Black', 'Stainless'],
    features: ['One-hand opening pliers', 'Locking blades', 'Replaceable wire cutters', 'Nylon sheath included'],
    price: [29, 189], weight: [0.3, 0.7], size: [4.5, 1.5, 1], hazardous: 0,
  },
  {
    department: 'K', path: ['Knives & Tools', 'Rescue Tools', null],
    nouns: ['Rescue Tool', 'Seatbelt Cutter', 'Glass Breaker', 'Pry Tool'],
    specs: ['Keychain', 'Belt Carry', '24" Length'],
    variants: ['Orange', 'Black'],
    features: ['Recessed blade cuts seatbelts', 'Spring-loaded glass breaker', 'Fits a pocket or visor', 'Hardened steel'],
    price: [9, 129], weight: [0.05, 5], size: [6, 2, 1], hazardous: 0,
  },
  // Communications
  {
    department: 'C', path: ['Communications', 'Radio Accessories', 'Earpieces'],
    nouns: ['Surveillance Earpiece', 'Acoustic Tube Earpiece', 'Listen-Only Earpiece'],
    specs: ['2-Wire', '3-Wire', '3.5 mm Plug', 'Quick Disconnect'],
    variants: ['Black', 'Beige'],
    features: ['Clear acoustic tube', 'Inline push-to-talk', 'Quick-disconnect cable', 'Kevlar-reinforced cable'],
    price: [19, 129], weight: [0.05, 0.2], size: [6, 4, 1], hazardous: 0,
  },
  {
    department: 'C', path: ['Communications', 'Radio Accessories', 'Speaker Microphones'],
    nouns: ['Speaker Microphone', 'Remote Speaker Mic', 'Noise-Cancelling Mic'],
    specs: ['IP67', 'with Emergency Button', 'Coiled Cord'],
    variants: ['Black'],
    features: ['Large push-to-talk button usable with gloves', 'IP67 rated', 'Rotating clip', 'Orange emergency button'],
    price: [49, 199], weight: [0.2, 0.5], size: [5, 3, 2], hazardous: 0,
  },
  {
    department: 'C', path: ['Communications', 'Batteries', null],
    nouns: ['Radio Battery', 'CR123A Batteries', 'Lithium-Ion Battery Pack', 'AA Batteries'],
    specs: ['2,600 mAh', '3,300 mAh', 'Pack of 12', 'Pack of 6'],
    variants: ['Standard', 'High Capacity'],
    features: ['10-year shelf life', 'Works from -40°F to 140°F', 'Smart charge indicator', 'UN 38.3 tested'],
    price: [9, 149], weight: [0.2, 1.2], size: [5, 3, 1.5], hazardous: 0.9,
  },
  // Medical
  {
    department: 'M', path: ['Medical', 'Tourniquets', null],
    nouns: ['Tourniquet', 'Windlass Tourniquet', 'Training Tourniquet'],
    specs: ['1.5" Strap', 'Single', 'Pack of 4'],
    variants: ['Black', 'Orange', 'Blue (Trainer)'],
    features: ['Windlass with locking clip', 'One-handed application', 'Time-of-application label', 'Fits a pouch on a duty belt'],
    price: [19, 119], weight: [0.15, 0.7], size: [6, 2.5, 1.5], hazardous: 0,
  },
  {
    department: 'M', path: ['Medical', 'Trauma Kits', 'Individual First Aid Kits'],
    nouns: ['IFAK', 'Individual First Aid Kit', 'Officer Trauma Kit'],
    specs: ['Stocked', 'Pouch Only', 'MOLLE'],
    variants: ['Black', 'Coyote', 'Red'],
    features: ['Tear-away pouch', 'Pressure bandage and hemostatic gauze', 'Nitrile gloves and shears', 'Fits on a duty belt or plate carrier'],
    price: [29, 149], weight: [0.5, 1.5], size: [7, 5, 3], hazardous: 0,
  },
  {
    department: 'M', path: ['Medical', 'Trauma Kits', 'Patrol Trauma Kits'],
    nouns: ['Patrol Trauma Kit', 'Vehicle Trauma Kit', 'Mass Casualty Kit'],
    specs: ['Stocked', 'Bulk', '5-Person'],
    variants: ['Red', 'Black'],
    features: ['Supplies for several casualties', 'Color-coded compartments', 'Seals for chest wounds', 'Mounts behind a vehicle seat'],
    price: [99, 699], weight: [2, 12], size: [16, 10, 6], hazardous: 0,
  },
  {
    department: 'M', path: ['Medical', 'Gloves', 'Nitrile Gloves'],
    nouns: ['Nitrile Gloves', 'Exam Gloves', 'Heavy Duty Nitrile Gloves'],
    specs: ['Box of 100', 'Box of 50', '8 mil', 'Size L'],
    variants: ['Black', 'Blue'],
    features: ['Powder-free, latex-free', 'Textured fingertips', 'Fentanyl permeation tested', 'Beaded cuff'],
    price: [9, 39], weight: [0.8, 2], size: [10, 5, 3.5], hazardous: 0,
  },
  // Bags
  {
    department: 'B', path: ['Bags & Packs', 'Backpacks', null],
    nouns: ['Backpack', 'Assault Pack', '3-Day Pack', 'Sling Pack'],
    specs: ['24 L', '35 L', '45 L', 'Laptop Sleeve'],
    variants: COLORS,
    features: ['MOLLE webbing on the sides', 'Hydration compatible', 'Padded laptop sleeve fits 15" laptops', 'YKK zippers', '500D nylon'],
    price: [39, 249], weight: [1.5, 5], size: [20, 12, 8], hazardous: 0,
  },
  {
    department: 'B', path: ['Bags & Packs', 'Duffel Bags', null],
    nouns: ['Duffel Bag', 'Gear Bag', 'Deployment Bag', 'Roller Duffel'],
    specs: ['30"', '36"', 'Wheeled', 'Large'],
    variants: COLORS,
    features: ['Heavy-duty zippers', 'Padded shoulder strap', 'End pockets for boots', 'ID window'],
    price: [29, 199], weight: [1.5, 6], size: [30, 14, 12], hazardous: 0,
  },
  {
    department: 'B', path: ['Bags & Packs', 'Patrol Bags', null],
    nouns: ['Patrol Bag', 'Front Seat Organizer', 'Ticket Book Case'],
    specs: ['Large', 'Compact', 'Expandable'],
    variants: ['Black', 'Navy'],
    features: ['Rigid sides keep their shape', 'Fits the passenger seat', 'File dividers', 'Pen and flashlight loops'],
    price: [29, 119], weight: [1, 3.5], size: [16, 12, 10], hazardous: 0,
  },
  {
    department: 'B', path: ['Bags & Packs', 'Range Bags', null],
    nouns: ['Range Bag', 'Pistol Case', 'Rifle Case', 'Double Rifle Case'],
    specs: ['36"', '42"', 'Holds 4 Pistols', 'Lockable'],
    variants: COLORS,
    features: ['Padded pistol rug included', 'Lockable zippers', 'Internal magazine loops', 'Water-resistant base'],
    price: [29, 229], weight: [1.5, 7], size: [36, 12, 4], hazardous: 0,
  },
  // Ammunition
  {
    department: 'X', path: ['Ammunition', 'Handgun Ammunition', 'Duty Ammunition'],
    nouns: ['Duty Ammunition', 'Jacketed Hollow Point', 'Bonded JHP'],
    specs: ['9mm 124 gr.', '9mm 147 gr.', '.40 S&W 180 gr.', '.45 ACP 230 gr.', 'Box of 50', 'Case of 1,000'],
    variants: ['50 Rounds', '1,000 Rounds'],
    features: ['Bonded core holds together through barriers', 'Nickel-plated cases', 'Low-flash powder', 'Tested to FBI protocol'],
    price: [24, 699], weight: [1.3, 30], size: [6, 4, 2], hazardous: 1,
  },
  {
    department: 'X', path: ['Ammunition', 'Handgun Ammunition', 'Training Ammunition'],
    nouns: ['Training Ammunition', 'Full Metal Jacket', 'Frangible Ammunition'],
    specs: ['9mm 115 gr.', '.40 S&W 165 gr.', '.45 ACP 230 gr.', 'Lead-Free'],
    variants: ['50 Rounds', '1,000 Rounds'],
    features: ['Matches duty-load point of impact', 'Reloadable brass cases', 'Lead-free primers for indoor ranges'],
    price: [17, 499], weight: [1.3, 30], size: [6, 4, 2], hazardous: 1,
  },
  {
    department: 'X', path: ['Ammunition', 'Rifle Ammunition', null],
    nouns: ['Rifle Ammunition', 'Soft Point', 'Match Ammunition'],
    specs: ['5.56 NATO 55 gr.', '.223 Rem 62 gr.', '.308 Win 168 gr.', 'Box of 20'],
    variants: ['20 Rounds', '500 Rounds'],
    features: ['Consistent velocity lot to lot', 'Boat-tail bullet', 'Sealed primers'],
    price: [19, 599], weight: [1, 25], size: [6, 4, 2], hazardous: 1,
  },
  {
    department: 'X', path: ['Ammunition', 'Shotgun Ammunition', null],
    nouns: ['Buckshot', 'Rifled Slugs', 'Less-Lethal Bean Bag Rounds'],
    specs: ['12 Gauge 00 Buck', '12 Gauge 1 oz. Slug', '2-3/4"', 'Reduced Recoil'],
    variants: ['5 Rounds', '250 Rounds'],
    features: ['Reduced recoil for faster follow-up', 'Tight patterns at 15 yards', 'Brass-plated heads'],
    price: [6, 349], weight: [0.6, 28], size: [6, 4, 2.5], hazardous: 1,
  },
  // Public safety
  {
    department: 'T', path: ['Public Safety', 'Traffic Safety', 'Traffic Cones'],
    nouns: ['Traffic Cone', 'Collapsible Cone', 'LED Cone Light'],
    specs: ['18"', '28"', '36"', 'Reflective Collar'],
    variants: ['Orange', 'Lime'],
    features: ['Reflective collars for night visibility', 'Weighted base', 'Stacks for storage', 'Meets MUTCD guidelines'],
    price: [9, 89], weight: [1, 7], size: [28, 14, 14], hazardous: 0,
  },
  {
    department: 'T', path: ['Public Safety', 'Traffic Safety', 'Road Flares'],
    nouns: ['Road Flares', 'LED Safety Flare', 'Flare Kit'],
    specs: ['15 Minute', '30 Minute', 'Case of 36', 'Rechargeable'],
    variants: ['Red', 'Red/Blue'],
    features: ['Burns 30 minutes', 'Visible for over a mile', 'Spike cap for soft ground', 'Water-resistant'],
    price: [19, 249], weight: [1, 25], size: [12, 8, 6], hazardous: 0.85,
  },
  {
    department: 'T', path: ['Public Safety', 'Safety Vests', null],
    nouns: ['Safety Vest', 'Breakaway Vest', 'Public Safety Vest'],
    specs: ['ANSI Class 2', 'ANSI Class 3', 'Breakaway', 'Size L/XL'],
    variants: ['Lime', 'Orange'],
    features: ['Five-point breakaway design', 'Meets ANSI/ISEA 207', '“POLICE” panels front and back', 'Mic tabs on the shoulders'],
    price: [14, 59], weight: [0.3, 0.8], size: [14, 12, 1], hazardous: 0,
  },
  {
    department: 'T', path: ['Public Safety', 'Barricade Tape', null],
    nouns: ['Barricade Tape', 'Crime Scene Tape', 'Caution Tape'],
    specs: ['3" x 1,000 ft.', '3" x 500 ft.', 'Bilingual'],
    variants: ['Yellow', 'Red'],
    features: ['2 mil polyethylene', 'High-visibility black print', 'Dispenser box'],
    price: [9, 39], weight: [1, 3], size: [8, 8, 3], hazardous: 0,
  },
];

/** Leaves of each department. */
export const LEAVES_BY_DEPARTMENT: ReadonlyMap<Department, readonly CategoryLeaf[]> = (() => {
  const map = new Map<Department, CategoryLeaf[]>();
  for (const leaf of CATEGORY_LEAVES) {
    const list = map.get(leaf.department) ?? [];
    list.push(leaf);
    map.set(leaf.department, list);
  }
  return map;
})();
