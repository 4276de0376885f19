/** @odoo-module **/

import { registry } from "@web/core/registry";
import { openFromMenu } from "@ctxh_residents/tours/ctxh_tour_steps";

// Late at night the police bring a woman who fled violence: the social worker on duty
// records the reception and admits her at once; the director's decision follows.
registry.category("web_tour.tours").add("ctxh_emergency_admission_tour", {
    url: "/odoo",
    steps: () => [
        ...openFromMenu("ctxh_residents.menu_ctxh_residents", "ctxh_residents.ctxh_admission_menu"),
        {
            content: "New admission request",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "Type the person's name",
            trigger: '.o_form_editable div[name="resident_id"] input',
            run: "edit Lò Thị Sương",
        },
        {
            content: "Register her as a new person",
            trigger: ".o-autocomplete--dropdown-item.o_m2o_dropdown_option_create",
            run: "click",
        },
        {
            content: "Choose emergency protection",
            trigger: '.o_form_editable div[name="admission_type_id"] input',
            run: "edit khẩn cấp",
        },
        {
            content: "Pick it from the list",
            trigger: '.o-autocomplete--dropdown-item:contains("Bảo vệ khẩn cấp")',
            run: "click",
        },
        {
            content: "Open the reception record",
            trigger: '.o_notebook_headers a[name="reception"]',
            run: "click",
        },
        {
            content: "Who brought her",
            trigger: '.o_form_editable div[name="brought_by"] input',
            run: "edit Công an phường Bãi Cháy, Thượng úy Trần Đức Long",
        },
        // the condition on arrival is sensitive: the social worker does not see it (medical staff record it)
        {
            content: "Admit now",
            trigger: 'button[name="action_open_admit"]',
            run: "click",
        },
        {
            content: "The dialog asks for a bed",
            trigger: '.modal div[name="bed_id"] input',
            run: "click",
        },
        {
            content: "No bed of a men's room is offered to her",
            trigger: '.o-autocomplete--dropdown-menu:not(:has(.o-autocomplete--dropdown-item:contains("A103")))',
        },
        {
            content: "No bed is free for her: admit her without one",
            trigger: '.modal button[name="action_admit_without_bed"]',
            run: "click",
        },
        {
            content: "Confirm",
            trigger: '.modal:has(.modal-body:contains("chưa có giường")) .modal-footer .btn-primary:contains("Xác nhận")',
            run: "click",
        },
        {
            content: "The stay has started",
            trigger: 'button[name="action_view_stay"]',
        },
        {
            content: "The admission is in the Admitted step",
            trigger: '.o_statusbar_status button.o_arrow_button_current[data-value="admitted"]',
        },
    ],
});
