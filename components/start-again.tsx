import Form from "next/form";
import { Button } from "./form-fields";

/**
 * "Start again" in the raise flow. It deletes nothing: it opens a page that
 * asks first ("Are you sure you want to delete your answers?"), by a plain GET
 * form, so it works without JavaScript too.
 */
export function StartAgainButton({ raiseStartPath, from }: { raiseStartPath: string; from: "start" | "check" }) {
  return (
    <Form action={`${raiseStartPath}/start-again`}>
      {from === "check" ? <input type="hidden" name="from" value="check" /> : null}
      <Button variant="secondary">Start again</Button>
    </Form>
  );
}
