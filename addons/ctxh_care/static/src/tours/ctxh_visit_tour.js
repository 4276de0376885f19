/** @odoo-module **/

import { registry } from "@web/core/registry";
import { newRecord, pickFromField } from "@ctxh_residents/tours/ctxh_tour_steps";

// A social worker records a family visit from the Care menu: "Mới" offers the residents, the registered relatives
// are listed by name and relationship (never "ctxh.resident.relative,7"), and the visit is named after who came.
registry.category("web_tour.tours").add("ctxh_visit_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the Care menu",
            trigger: '.o_menu_sections [data-menu-xmlid="ctxh_care.menu_ctxh_care"]',
            run: "click",
        },
        {
            content: "Open family visits",
            trigger: '.dropdown-item[data-menu-xmlid="ctxh_care.ctxh_visit_menu"]',
            run: "click",
        },
        newRecord("visit"),
        ...pickFromField(
            '.o_form_editable div[name="resident_id"] input',
            "Bùi Văn An",
            "Bùi Văn An",
            "the resident",
        ),
        // typing (not a bare click) asks for the relatives once the resident is on the record: a click could open
        // the list while the resident's onchange was still on its way back, and the re-render closed it again
        ...pickFromField(
            '.o_form_editable div[name="relative_id"] input',
            "Đỗ Xuân",
            "Đỗ Xuân Tuấn (Cha)",
            "the father, by name and relationship",
        ),
        {
            content: "What he brought",
            trigger: '.o_form_editable div[name="items_brought"] textarea',
            run: "edit Sữa, bánh, áo ấm",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The visit is named after who came and whom",
            trigger: 'body:has(.o_form_saved) .o_breadcrumb .active:contains("Đỗ Xuân Tuấn thăm Bùi Văn An")',
        },
    ],
});
