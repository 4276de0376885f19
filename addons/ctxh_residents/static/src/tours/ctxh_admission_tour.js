/** @odoo-module **/

import { registry } from "@web/core/registry";
import { newRecord, openFromMenu, pickFromField } from "@ctxh_residents/tours/ctxh_tour_steps";

// A man with no carer asks for a place: the social worker records the request and registers him, the director
// signs the decision, and the social worker admits him into a bed of a room open to men.

// from the Residents menu, a new admission request: the social worker types the person's name first
function newRequestFor(name) {
    return [
        ...openFromMenu("ctxh_residents.menu_ctxh_residents", "ctxh_residents.ctxh_admission_menu"),
        newRecord("admission request"),
        {
            content: "Type the person's name",
            trigger: '.o_form_editable div[name="resident_id"] input',
            run: `edit ${name}`,
        },
    ];
}

// the request of Vi Văn Thắng, found by his name in the search box (its suggestion, not Enter: flaky in CI)
function openHisRequest() {
    return [
        {
            content: "Search for the person",
            trigger: ".o_control_panel .o_searchview_input",
            run: "edit Vi Văn Thắng",
        },
        {
            content: "Search by the person's name",
            trigger: '.o_searchview_autocomplete li.o_menu_item:first-child:contains("Vi Văn Thắng")',
            run: "click",
        },
        {
            content: "Open his request",
            trigger: '.o_list_renderer .o_data_row:only-child .o_data_cell:contains("Vi Văn Thắng")',
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("ctxh_admission_request_tour", {
    url: "/odoo",
    steps: () => [
        ...newRequestFor("Vi Văn Thắng"),
        {
            content: "Register him, with his details",
            trigger: ".o-autocomplete--dropdown-item.o_m2o_dropdown_option_create_edit",
            run: "click",
        },
        {
            content: "His name is carried over",
            trigger: '.modal .o_form_editable div[name="name"] input:value(Vi Văn Thắng)',
        },
        {
            // the beds offered on admission follow the person's sex
            content: "He is a man",
            trigger: '.modal .o_form_editable div[name="gender"] select',
            run: "selectByLabel Nam",
        },
        {
            content: "Save the person",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "He is the person of the request",
            trigger: 'body:not(:has(.modal)) .o_form_editable div[name="resident_id"] input:value(Vi Văn Thắng)',
        },
        ...pickFromField(
            '.o_form_editable div[name="admission_type_id"] input',
            "thường xuyên",
            "Nuôi dưỡng thường xuyên",
            "the admission type",
        ),
        {
            content: "Open the dossier",
            trigger: '.o_notebook_headers a[name="dossier"]',
            run: "click",
        },
        ...[1, 2, 3].flatMap((line) => [
            {
                // a switch that is live before the row is opened (a plain checkbox looks disabled until then):
                // one click ticks it, as the staff do down the column
                content: `Document ${line} received on paper`,
                trigger: `div[name="document_line_ids"] .o_data_row:nth-child(${line}) td[name="received"] .o_boolean_toggle input:not(:disabled)`,
                run: "click",
            },
            {
                content: `Document ${line} is ticked`,
                trigger: `div[name="document_line_ids"] .o_data_row:nth-child(${line}) td[name="received"] input:checked`,
            },
        ]),
        {
            content: "Submit to the director",
            trigger: '.o_form_view button[name="action_submit"]',
            run: "click",
        },
        {
            content: "The request waits for the director's decision",
            trigger: '.o_form_view .o_statusbar_status button.o_arrow_button_current[data-value="submitted"]',
        },
    ],
});

registry.category("web_tour.tours").add("ctxh_admission_decide_tour", {
    url: "/odoo",
    steps: () => [
        ...openFromMenu("ctxh_residents.menu_ctxh_residents", "ctxh_residents.ctxh_admission_menu"),
        {
            content: "Open the filters",
            trigger: ".o_control_panel .o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "The requests waiting for a decision",
            trigger: '.o_filter_menu .o-dropdown-item:contains("Chờ quyết định")',
            run: "click",
        },
        {
            content: "The filter is applied",
            trigger: '.o_searchview_facet:contains("Chờ quyết định")',
        },
        ...openHisRequest(),
        {
            content: "Approve and sign the decision",
            trigger: '.o_form_view button[name="action_approve"]',
            run: "click",
        },
        {
            content: "The request is approved",
            trigger: '.o_form_view .o_statusbar_status button.o_arrow_button_current[data-value="approved"]',
        },
        {
            content: "The decision is numbered",
            trigger: '.o_form_view div[name="decision_number"] span:not(:empty)',
        },
    ],
});

registry.category("web_tour.tours").add("ctxh_admission_admit_tour", {
    url: "/odoo",
    steps: () => [
        ...openFromMenu("ctxh_residents.menu_ctxh_residents", "ctxh_residents.ctxh_admission_menu"),
        ...openHisRequest(),
        {
            content: "Admit him",
            trigger: '.o_form_view button[name="action_open_admit"]',
            run: "click",
        },
        {
            content: "The dialog asks for a bed",
            trigger: '.modal div[name="bed_id"] input',
            run: "click",
        },
        {
            content: "The free beds of men's rooms are offered, none of the women's room B203",
            trigger:
                '.o-autocomplete--dropdown-menu:has(.o-autocomplete--dropdown-item:contains("A103 / Giường 3"))' +
                ':not(:has(.o-autocomplete--dropdown-item:contains("B203")))',
        },
        {
            content: "Choose bed 3 of room A103",
            trigger: '.o-autocomplete--dropdown-item:contains("A103 / Giường 3")',
            run: "click",
        },
        {
            content: "The bed is chosen",
            trigger: '.modal div[name="bed_id"] input:value(A103 / Giường 3)',
        },
        {
            content: "Admit",
            trigger: '.modal button[name="action_admit"]',
            run: "click",
        },
        {
            content: "The admission is in the Admitted step",
            trigger: 'body:not(:has(.modal)) .o_statusbar_status button.o_arrow_button_current[data-value="admitted"]',
        },
        {
            content: "The stay has started",
            trigger: '.o_form_view button[name="action_view_stay"]',
        },
    ],
});

// Late at night the police bring a woman who fled violence: the social worker on duty
// records the reception and admits her at once; the director's decision follows.
registry.category("web_tour.tours").add("ctxh_emergency_admission_tour", {
    url: "/odoo",
    steps: () => [
        ...newRequestFor("Lò Thị Sương"),
        {
            content: "Register her as a new person",
            trigger: ".o-autocomplete--dropdown-item.o_m2o_dropdown_option_create",
            run: "click",
        },
        ...pickFromField(
            '.o_form_editable div[name="admission_type_id"] input',
            "khẩn cấp",
            "Bảo vệ khẩn cấp",
            "emergency protection",
        ),
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
