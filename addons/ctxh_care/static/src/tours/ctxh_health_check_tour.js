/** @odoo-module **/

import { registry } from "@web/core/registry";
import { newRecord, openFromMenu, pickFromField } from "@ctxh_residents/tours/ctxh_tour_steps";

// The nurse records a resident's periodic health check from Medical > Health Checks; a blood pressure too high
// is flagged as she types it, before she saves.
registry.category("web_tour.tours").add("ctxh_health_check_tour", {
    url: "/odoo",
    steps: () => [
        ...openFromMenu("ctxh_care.menu_ctxh_care_medical", "ctxh_care.ctxh_health_check_menu"),
        newRecord("health check"),
        ...pickFromField(
            '.o_form_editable div[name="resident_id"] input',
            "Bùi Văn An",
            "Bùi Văn An",
            "the resident",
        ),
        {
            content: "His current stay is filled in",
            trigger: '.o_form_editable div[name="stay_id"] input:value(Bùi Văn An)',
        },
        {
            content: "Height",
            trigger: '.o_form_editable div[name="height"] input',
            run: "edit 165",
        },
        {
            content: "Weight, with the Vietnamese decimal comma",
            trigger: '.o_form_editable div[name="weight"] input',
            run: "edit 58,5",
        },
        {
            content: "Systolic pressure",
            trigger: '.o_form_editable div[name="blood_pressure_systolic"] input',
            run: "edit 150",
        },
        {
            // the weight is committed when the nurse moves on to the next measure
            content: "The BMI is computed",
            trigger: '.o_form_editable div[name="bmi"]:contains("21,5")',
        },
        {
            content: "Diastolic pressure",
            trigger: '.o_form_editable div[name="blood_pressure_diastolic"] input',
            run: "edit 85",
        },
        {
            content: "Pulse",
            trigger: '.o_form_editable div[name="pulse"] input',
            run: "edit 78",
        },
        {
            content: "Temperature",
            trigger: '.o_form_editable div[name="temperature"] input',
            run: "edit 36,8",
        },
        {
            content: "The systolic pressure is flagged out of range",
            trigger: '.o_form_editable .ribbon:contains("Ngoài ngưỡng")',
        },
        {
            content: "Findings",
            trigger: '.o_form_editable div[name="findings"] textarea',
            run: "edit Tỉnh táo, tiếp xúc tốt; huyết áp tâm thu cao, đề nghị đo lại hằng ngày trong 1 tuần.",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The check is saved under the resident's name",
            trigger: 'body:has(.o_form_saved) .o_breadcrumb .active:contains("Bùi Văn An")',
        },
        {
            content: "Nothing is left unsaved",
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});
