/** @odoo-module **/

import { registry } from "@web/core/registry";

const handlers = registry.category("ir.actions.report handlers");

// report_xlsx (18.0.1.1.3) downloads the workbook, then, for a wizard asking to be closed
// (close_on_report_download), answers what closing the dialog answers: nothing. The action service then
// takes the report as unhandled and logs "The ActionManager can't handle reports of type xlsx" on every
// statutory report. Run its handler first and tell the action service the report was handled.
handlers.add(
    "ctxh_xlsx_handler",
    async (action, options, env) => {
        if (action.report_type !== "xlsx") {
            return false;
        }
        await handlers.get("xlsx_handler")(action, options, env);
        return true;
    },
    { sequence: 1 }
);
