/** @odoo-module **/

import { ConfirmationDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { _t } from "@web/core/l10n/translation";

// Odoo's Vietnamese leaves the confirming button of every confirmation (a button's confirm="...", deleting a
// record) as "Ok". A Vietnamese form says "Xác nhận": web's own translation of "Confirm".
ConfirmationDialog.defaultProps = { ...ConfirmationDialog.defaultProps, confirmLabel: _t("Confirm") };
