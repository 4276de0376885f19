/** @odoo-module **/

import { formatDateTime } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";
import { newRecord, openFromMenu, pickFromField } from "@ctxh_residents/tours/ctxh_tour_steps";

const { DateTime } = luxon;

// A resident slipped in the bathroom two hours ago: the social worker on duty writes the incident from
// Care > Incidents and reports it; a serious one goes straight to the director.
registry.category("web_tour.tours").add("ctxh_incident_tour", {
    url: "/odoo",
    steps: () => [
        ...openFromMenu("ctxh_care.menu_ctxh_care", "ctxh_care.ctxh_incident_menu"),
        newRecord("incident"),
        {
            content: "What happened, in a line",
            trigger: '.o_form_editable div[name="name"] input',
            run: "edit Cụ Lộc trượt ngã trong nhà tắm",
        },
        {
            content: "A fall",
            trigger: '.o_form_editable div[name="incident_type"] select',
            run: "selectByLabel Té ngã hoặc chấn thương",
        },
        {
            content: "Serious: he hit his head",
            trigger: '.o_form_editable div[name="severity"] select',
            run: "selectByLabel Nghiêm trọng",
        },
        {
            content: "When: two hours ago",
            trigger: '.o_form_editable div[name="date"] input',
            run: `edit ${formatDateTime(DateTime.now().minus({ hours: 2 }).startOf("minute"))}`,
        },
        {
            content: "Where",
            trigger: '.o_form_editable div[name="place"] input',
            run: "edit Nhà tắm khu B, phòng B202",
        },
        ...pickFromField(
            '.o_form_editable div[name="resident_ids"] input',
            "Bùi Quang Lộc",
            "Bùi Quang Lộc",
            "the resident involved",
        ),
        {
            content: "He is listed",
            trigger: '.o_form_editable div[name="resident_ids"] .o_tag:contains("Bùi Quang Lộc")',
        },
        {
            content: "What happened",
            trigger: '.o_form_editable div[name="description"] textarea',
            run: "edit Cụ trượt chân trên sàn ướt, đập đầu vào bồn rửa, chảy máu nhẹ ở trán.",
        },
        {
            content: "What was done",
            trigger: '.o_form_editable div[name="actions_taken"] textarea',
            run: "edit Sơ cứu, băng vết thương, báo y tế theo dõi 24 giờ.",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The incident is saved under its summary",
            trigger: 'body:has(.o_form_saved) .o_breadcrumb .active:contains("Cụ Lộc trượt ngã trong nhà tắm")',
        },
        {
            content: "Report it",
            trigger: '.o_form_view button[name="action_report"]',
            run: "click",
        },
        {
            content: "The incident is reported",
            trigger: '.o_form_view .o_statusbar_status button.o_arrow_button_current[data-value="reported"]',
        },
    ],
});
