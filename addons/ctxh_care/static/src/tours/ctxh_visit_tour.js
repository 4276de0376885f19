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
        {
            content: "Open the registered relatives",
            trigger: '.o_form_editable div[name="relative_id"] input',
            run: "click",
        },
        {
            content: "The father is listed by name and relationship",
            trigger: '.o-autocomplete--dropdown-item:contains("Đỗ Xuân Tuấn (Cha)")',
            run: "click",
        },
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
