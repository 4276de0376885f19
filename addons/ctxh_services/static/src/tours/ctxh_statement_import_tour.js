/** @odoo-module **/

import { registry } from "@web/core/registry";
import { openFromMenu, pickFromField } from "@ctxh_residents/tours/ctxh_tour_steps";

// The Agribank statement the accountant downloaded: one family's transfer names its invoice, another does not.
const STATEMENT = [
    "STT,Ngày GD,Số CT,Số tiền nợ,Số tiền có,Nội dung",
    '1,05/03/2026,AG7001,,"1,000,000",MBVCB.123.TTBTXHTOUR202600001 nop phi cham soc',
    '2,05/03/2026,AG7002,,"250,000",chuyen tien cho me thang 3',
].join("\n");

// The accountant imports the bank's statement from the Billing menu: the transfer carrying an invoice's
// reference pays it, the other waits in the statement lines with a suggestion.
registry.category("web_tour.tours").add("ctxh_statement_import_tour", {
    url: "/odoo",
    steps: () => [
        ...openFromMenu("ctxh_services.menu_ctxh_billing", "ctxh_services.account_statement_import_menu_ctxh"),
        {
            content: "The facility's bank journal is chosen",
            trigger: '.modal div[name="ctxh_journal_id"] input:value()',
        },
        ...pickFromField('.modal div[name="sheet_mapping_id"] input', "Agribank"),
        {
            content: "Upload the statement file",
            // the upload button's file input is hidden: the file is given to it as a browser would
            trigger: ".modal .o_field_binary",
            run() {
                const input = this.anchor.querySelector('input[type="file"]');
                const transfer = new DataTransfer();
                transfer.items.add(new File([STATEMENT], "saoke_agribank_032026.csv", { type: "text/csv" }));
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The file is loaded",
            trigger: '.modal .o_field_binary input:value("saoke_agribank_032026.csv")',
        },
        {
            content: "Import",
            trigger: '.modal button[name="import_file_button"]',
            run: "click",
        },
        {
            content: "The import says what it matched",
            trigger: ".o_notification:contains('1')",
        },
        ...openFromMenu("ctxh_services.menu_ctxh_billing", "ctxh_services.account_bank_statement_line_menu_ctxh"),
        {
            content: "The transfer without a reference waits, with what the import found",
            trigger: '.o_data_row:contains("chuyen tien cho me") td[name="ctxh_match_note"]:not(:empty)',
        },
    ],
});
