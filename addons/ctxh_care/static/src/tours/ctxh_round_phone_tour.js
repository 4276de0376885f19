/** @odoo-module **/

import { registry } from "@web/core/registry";

// A carer on a 390 px phone runs the medication round from the menu: one card per dose, the resident's name,
// bed, medicine and the three actions together. One dose given on time, one refused (the reason is asked in a
// dialog), one far from its time (the confirmation is asked).
// A recorded dose is checked by its state's badge, which the card draws only from the saved record: a card
// between the click and the server's answer has lost its buttons too.
const card = (medicine) => `.o_kanban_view .o_kanban_record:has(div:contains("${medicine}"))`;

registry.category("web_tour.tours").add("ctxh_round_phone_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the app's menu",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content: "Open the medication round",
            trigger: '.o_app_menu_sidebar li[data-menu-xmlid="ctxh_care.ctxh_medication_administration_menu"]',
            run: "click",
        },
        {
            content: "The dose on time shows who takes it, where they sleep, and the three actions",
            trigger: `${card("Vitamin B1 250mg")}:has(span:contains("Vàng Thị Dua")):has(.fa-bed) button[name="action_round_missed"]`,
        },
        {
            content: "Given",
            trigger: `${card("Vitamin B1 250mg")} button[name="action_round_given"]`,
            run: "click",
        },
        {
            content: "Recorded: no button left on its card",
            trigger: `${card("Vitamin B1 250mg")}:not(:has(button[name="action_round_given"])) div[name="state"] .badge`,
        },
        {
            content: "Refused",
            trigger: `${card("Calci D 500mg")} button[name="action_round_refused"]`,
            run: "click",
        },
        {
            content: "The reason is asked",
            trigger: '.modal div[name="reason"] textarea',
            run: "edit Bà nhổ thuốc ra, không chịu uống.",
        },
        {
            content: "Record the refusal",
            trigger: '.modal button[name="action_confirm"]',
            run: "click",
        },
        {
            content: "Refused: no button left on its card",
            trigger: `${card("Calci D 500mg")}:not(:has(button[name="action_round_refused"])) div[name="state"] .badge`,
        },
        {
            content: "Given, far from its time",
            trigger: `${card("Metformin 500mg")} button[name="action_round_given"]`,
            run: "click",
        },
        {
            content: "The confirmation is asked",
            trigger: '.modal .alert-warning:contains("Metformin 500mg")',
        },
        {
            content: "Confirm",
            trigger: '.modal button[name="action_confirm"]',
            run: "click",
        },
        {
            content: "Given: no button left on its card",
            trigger: `${card("Metformin 500mg")}:not(:has(button[name="action_round_given"])) div[name="state"] .badge`,
        },
    ],
});
