/** @odoo-module **/

import { registry } from "@web/core/registry";
import { openFromMenu } from "@ctxh_residents/tours/ctxh_tour_steps";

// The director opens, from the Social Work menu, the foster family a social worker assessed, approves it, then
// opens the emergency placement proposed with that family and approves it: the child is in the family's care.
registry.category("web_tour.tours").add("ctxh_foster_tour", {
    url: "/odoo",
    steps: () => [
        ...openFromMenu("ctxh_services.menu_ctxh_social_work", "ctxh_services.ctxh_foster_family_menu"),
        {
            content: "Open the family waiting for the decision",
            trigger: '.o_data_row:contains("Bà Vũ Thị Hạnh") td[name="name"]',
            run: "click",
        },
        {
            content: "Every condition is ticked",
            trigger: '.o_form_view div[name="condition_ids"] .o_data_row:last-child div[name="met"] input:checked',
        },
        {
            content: "Approve the family",
            trigger: '.o_form_view button[name="action_approve"]',
            run: "click",
        },
        {
            content: "The family is approved",
            trigger: '.o_form_view .o_statusbar_status button.o_arrow_button_current[data-value="approved"]',
        },
        {
            content: "Open its placements",
            trigger: '.o_form_view button[name="action_view_placements"]',
            run: "click",
        },
        {
            content: "Open the proposed placement of the child",
            trigger: '.o_data_row:contains("Nguyễn Thị Thảo Vy") td[name="resident_id"]',
            run: "click",
        },
        {
            content: "Approve the placement",
            trigger: '.o_form_view button[name="action_approve"]',
            run: "click",
        },
        {
            content: "The child is in the family's care",
            trigger: '.o_form_view .o_statusbar_status button.o_arrow_button_current[data-value="active"]',
        },
    ],
});
