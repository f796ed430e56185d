import type { ReactNode } from "react";

export type TagColour = "grey" | "blue" | "green" | "yellow" | "orange" | "red" | "purple";

// Text and background pairs with a contrast ratio of at least 4.5:1.
const COLOURS: Record<TagColour, string> = {
  grey: "bg-[#e5e6e7] text-[#272829]",
  blue: "bg-[#d2e2f1] text-[#0c2d4a]",
  green: "bg-[#cce2d8] text-[#005a30]",
  yellow: "bg-[#fff7bf] text-[#594d00]",
  orange: "bg-[#fcd6c3] text-[#6e3619]",
  red: "bg-[#f4cdc6] text-[#2a0b06]",
  purple: "bg-[#dbd5e9] text-[#3d2375]",
};

/** A short status label. Its words carry the meaning; the colour only repeats it. */
export function Tag({ colour = "grey", children, id }: { colour?: TagColour; children: ReactNode; id?: string }) {
  return (
    <strong id={id} className={`inline-block px-2 py-0.5 text-sm font-bold ${COLOURS[colour]}`}>
      {children}
    </strong>
  );
}
