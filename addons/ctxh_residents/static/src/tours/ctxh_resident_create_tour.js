/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// A social worker registers a new resident through the form, in Vietnamese.
registry.category("web_tour.tours").add("ctxh_resident_create_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Social Assistance app",
            trigger: '.o_app[data-menu-xmlid="ctxh_residents.menu_ctxh_root"]',
            run: "click",
        },
        {
            content: "Open the Residents menu",
            trigger: '.o_menu_sections [data-menu-xmlid="ctxh_residents.menu_ctxh_residents"]',
            run: "click",
        },
        {
            content: "Open the list of residents",
            trigger: '.dropdown-item[data-menu-xmlid="ctxh_residents.ctxh_resident_menu"]',
            run: "click",
        },
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
