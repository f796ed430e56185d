import { WarningText } from "./warning-text";

/** Said before the raiser goes on: nobody at the other agency will hear of it through Parley, and what happens instead. */
export function NotOnParley({ advice }: { advice: { agency: string; lines: string[] } }) {
  return (
    <div className="mb-6 max-w-2xl">
      <WarningText>{advice.lines[0]}</WarningText>
      {advice.lines.slice(1).map((line) => (
        <p key={line} className="mb-3">
          {line}
        </p>
      ))}
    </div>
  );
}
