/** Series colours with at least 3:1 contrast on white, distinguishable in the common colour-vision deficiencies. */
export const PALETTE = [
  "#0b62a4",
  "#c2410c",
  "#15803d",
  "#7e22ce",
  "#a16207",
  "#be185d",
  "#0e7490",
  "#4b5563",
  "#b91c1c",
  "#4338ca",
];

export const seriesColor = (index: number) => PALETTE[index % PALETTE.length]!;
