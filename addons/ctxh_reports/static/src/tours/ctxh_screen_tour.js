/** @odoo-module **/

import { registry } from "@web/core/registry";

// Open one screen from the menus, as a user would, for its screenshot (tests/test_screens.py sets the cookie
// ctxh_screen = {section, item, ready, phone} before the page loads).
function screenOfCookie() {
    const cookie = document.cookie.split("; ").find((part) => part.startsWith("ctxh_screen="));
    return cookie ? JSON.parse(decodeURIComponent(cookie.slice("ctxh_screen=".length))) : {};
}

registry.category("web_tour.tours").add("ctxh_screen_tour", {
    url: "/odoo",
    steps: () => {
        const screen = screenOfCookie();
        const open = screen.phone
            ? [
                  { content: "Open the app's menu", trigger: ".o_main_navbar .o_menu_toggle", run: "click" },
                  {
                      content: "Open the screen",
                      trigger: `.o_app_menu_sidebar li[data-menu-xmlid="${screen.item}"]`,
                      run: "click",
                  },
              ]
            : [
                  {
                      content: "Open the section",
                      trigger: `.o_main_navbar .o_menu_sections [data-menu-xmlid="${screen.section}"]`,
                      run: "click",
                  },
                  {
                      content: "Open the screen",
                      trigger: `.dropdown-item[data-menu-xmlid="${screen.item}"]`,
                      run: "click",
                  },
              ];
        return [
            ...open,
            { content: "The screen is shown", trigger: screen.ready },
            { content: "Menus and loading are done", trigger: "body:not(:has(.o_app_menu_sidebar, .o_loading))" },
        ];
    },
});
