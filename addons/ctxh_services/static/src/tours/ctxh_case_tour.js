/** @odoo-module **/

import { registry } from "@web/core/registry";
import { openFromMenu, pickFromField } from "@ctxh_residents/tours/ctxh_tour_steps";

// An office worker of phường Thuận Hóa opens, from the Social Work menu, a call his office took and opens a
// community case from it: the case arrives with the call's office, title and caller; he names the person and
// the group, and the saved case carries its reference.
registry.category("web_tour.tours").add("ctxh_case_tour", {
    url: "/odoo",
    steps: () => [
        ...openFromMenu("ctxh_services.menu_ctxh_social_work", "ctxh_services.ctxh_hotline_call_menu"),
        {
            content: "Open the call about the mother's allowance",
            trigger: '.o_data_row:contains("Nguyễn Văn Tâm") td[name="caller_name"]',
            run: "click",
        },
        {
            content: "Open a case from the call",
            trigger: '.o_form_view button[name="action_open_case"]',
            run: "click",
        },
        {
            content: "The case comes with the call's office",
            trigger: '.o_form_editable div[name="office_id"] input:value("Văn phòng Công tác xã hội phường Thuận Hóa")',
        },
        // the group first: a first click on the person, just as the form opened, was lost to the title's autofocus
        ...pickFromField('.o_form_editable div[name="group_id"] input', "cao tuổi", "Người cao tuổi", "the group"),
        ...pickFromField('.o_form_editable div[name="resident_id"] input', "Thị Lài", "Nguyễn Thị Lài", "the person"),
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The case is saved under its reference",
            trigger: 'body:has(.o_form_saved) .o_breadcrumb .active:contains("CA/")',
        },
    ],
});
