import { minOf } from '../../domain/extremes.js';

type Lab = [number, number, number];

/** `#rrggbb` of an HSL colour (h in degrees, s and l in %). */
function hslToHex(h: number, s: number, l: number): string {
  const sat = s / 100;
  const light = l / 100;
  const a = sat * Math.min(light, 1 - light);
  const channel = (n: number): string => {
    const k = (n + h / 30) % 12;
    const v = light - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

/** CIE L*a*b* (D65) of a `#rrggbb` colour. */
export function hexToLab(hex: string): Lab {
  const linear = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const [r, g, b] = linear;
  const f = (t: number): number => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** Colour difference CIE76 (ΔE*ab): about 2.3 is just noticeable, above 20 clearly different. */
export function deltaE(a: Lab, b: Lab): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** Candidate route colours: saturated and dark enough to read as a line on white (L* <= 72, ΔE >= 45 to white). */
function candidates(): Array<{ hex: string; lab: Lab }> {
  const white: Lab = [100, 0, 0];
  const list: Array<{ hex: string; lab: Lab }> = [];
  for (let hue = 0; hue < 360; hue += 6) {
    for (const sat of [60, 85, 100]) {
      for (let light = 25; light <= 62; light += 4) {
        const hex = hslToHex(hue, sat, light);
        const lab = hexToLab(hex);
        if (deltaE(lab, white) >= 45 && lab[0] <= 72) list.push({ hex, lab });
      }
    }
  }
  return list;
}

let cache: string[] = [];

/**
 * `count` different route colours, one per day of a cycle in day order, for the map's "all
 * routes" view. Chosen greedily by farthest point in CIE Lab among saturated colours that read as
 * lines on white: the first is a fixed blue, each next one is the candidate whose nearest
 * already-chosen colour is farthest away. So no two days share a colour, consecutive days differ
 * most, and 28 days (four weeks of seven) still differ by ΔE > 20. Deterministic, as `#rrggbb`;
 * the first n colours are the same whatever the count.
 */
export function dayColors(count: number): string[] {
  if (cache.length < count) {
    const pool = candidates();
    const chosen: Array<{ hex: string; lab: Lab }> = cache.map((hex) => ({ hex, lab: hexToLab(hex) }));
    if (chosen.length === 0) chosen.push({ hex: '#1f5fbf', lab: hexToLab('#1f5fbf') });
    const nearest = pool.map((c) => minOf(chosen.map((d) => deltaE(c.lab, d.lab))));
    while (chosen.length < count) {
      let best = 0;
      for (let i = 1; i < pool.length; i++) if ((nearest[i] as number) > (nearest[best] as number)) best = i;
      const pick = pool[best] as { hex: string; lab: Lab };
      chosen.push(pick);
      pool.forEach((c, i) => (nearest[i] = Math.min(nearest[i] as number, deltaE(c.lab, pick.lab))));
    }
    cache = chosen.map((c) => c.hex);
  }
  return cache.slice(0, count);
}
