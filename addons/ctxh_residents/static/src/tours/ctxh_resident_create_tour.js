/** @odoo-module **/

import { registry } from "@web/core/registry";
import { openFromMenu } from "@ctxh_residents/tours/ctxh_tour_steps";

// A social worker registers a new resident through the form, in Vietnamese.
registry.category("web_tour.tours").add("ctxh_resident_create_tour", {
    url: "/odoo",
    steps: () => [
        ...openFromMenu("ctxh_residents.menu_ctxh_residents", "ctxh_residents.ctxh_resident_menu"),
        {
            content: "Create a resident",
            trigger: ".o_control_panel_main_buttons .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Full name",
            trigger: '.o_form_editable div[name="name"] input',
            run: "edit Đinh Thị Mơ",
        },
        {
            content: "Gender",
            trigger: '.o_form_editable div[name="gender"] select',
            run: 'select "female"',
        },
        {
            content: "Date of birth, as Vietnamese users write it",
            trigger: '.o_form_editable div[name="birthdate"] input',
            run: "edit 15/03/1950",
        },
        {
            content: "Citizen ID",
            trigger: '.o_form_editable div[name="national_id"] input',
            run: "edit 022150001234",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The resident received a code of the facility",
            trigger: '.o_form_saved div[name="code"]:contains("TTBTXH-")',
        },
    ],
});
