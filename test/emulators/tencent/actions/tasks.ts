// DescribeVpcTaskResult: the outcome of an asynchronous call, looked up by the RequestId that call returned.
// RUNNING until the change settles, then SUCCESS or FAILED. No HTTP.
import { fail } from "../errors";
import { str, type ActionDef } from "./context";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const taskActions: Record<string, ActionDef> = {
  DescribeVpcTaskResult: {
    schema: { TaskId: { type: "string", required: true } },
    run: (ctx, p) => {
      const taskId = str(p, "TaskId") ?? "";
      if (!UUID.test(taskId)) fail("InvalidParameterValue.Malformed", `The value \`${taskId}\` of parameter \`TaskId\` is malformed; expected the RequestId of an asynchronous call.`);
      const task = ctx.store.tasks.get(taskId);
      if (!task) fail("ResourceNotFound", `No asynchronous task has the id \`${taskId}\`; only the RequestIds of asynchronous actions are tasks.`);
      const status = task && ctx.now < task.doneAt ? "RUNNING" : (task?.outcome ?? "FAILED");
      return { Status: status, Output: status === "FAILED" ? `${task?.action} failed` : "", Result: [] };
    },
  },
};
