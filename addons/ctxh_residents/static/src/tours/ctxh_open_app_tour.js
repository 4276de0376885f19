/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// A care worker opens the Social Assistance app and finds its menu, in Vietnamese.
registry.category("web_tour.tours").add("ctxh_open_app_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Social Assistance app",
            trigger: '.o_app[data-menu-xmlid="ctxh_residents.menu_ctxh_root"]:contains("Trợ giúp xã hội")',
            run: "click",
        },
        {
            content: "The app's name is shown in the navigation bar",
            trigger: '.o_main_navbar .o_menu_brand:contains("Trợ giúp xã hội")',
        },
        {
            content: "Open the Configuration menu",
            trigger: '.o_menu_sections [data-menu-xmlid="ctxh_residents.menu_ctxh_configuration"]:contains("Cấu hình")',
            run: "click",
        },
        {
            content: "Open the list of facilities",
            trigger: '.dropdown-item[data-menu-xmlid="ctxh_residents.res_company_menu_ctxh"]:contains("Cơ sở trợ giúp")',
            run: "click",
        },
        {
            content: "The worker's own facility is listed",
            trigger: '.o_list_view .o_data_row:contains("Trung tâm Bảo trợ xã hội tỉnh Quảng Ninh")',
        },
    ],
});
