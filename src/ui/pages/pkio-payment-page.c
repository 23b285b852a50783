/* pkio-payment-page.c
 *
 * Copyright 2026 The Pkio Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pkio-choice-row.h"
#include "pkio-country.h"
#include "pkio-form.h"
#include "pkio-payment-page.h"

/* payment_method: the account's balance, or a card with its billing
 * address. The card number and CVV stay in memory only (design.md). */

struct _PkioPaymentPage
{
  PkioPage             parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *method_group;
  AdwPreferencesGroup *card_group;
  AdwPreferencesGroup *billing_group;
  GtkCheckButton      *balance_check;
  GtkCheckButton      *card_check;
  AdwActionRow        *balance_row;
  AdwActionRow        *card_row;
  PkioChoiceRow       *save_row;
  AdwActionRow        *default_row;
  GtkSwitch           *default_switch;

  /* Owned */
  PkioForm            *form;
  GtkWidget           *billing_state_row;
  guint                syncing : 1;
};

G_DEFINE_FINAL_TYPE (PkioPaymentPage, pkio_payment_page, PKIO_TYPE_PAGE)

/* The save row's choices, in the template's order. */
static const PkioTristate save_choices[] = {
  PKIO_TRISTATE_UNSET, PKIO_TRISTATE_YES, PKIO_TRISTATE_NO,
};

static void
sync_from_order (PkioPaymentPage *self)
{
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));
  PkioPaymentMethod method = pkio_order_get_payment_method (order);
  const char *country = pkio_order_get_text (order, PKIO_ORDER_TEXT_BILLING_COUNTRY);
  gboolean uses_states = pkio_country_uses_states (country);

  self->syncing = TRUE;
  gtk_check_button_set_active (self->balance_check, method == PKIO_PAYMENT_METHOD_BALANCE);
  gtk_check_button_set_active (self->card_check, method == PKIO_PAYMENT_METHOD_CARD);
  for (guint i = 0; i < G_N_ELEMENTS (save_choices); i++)
    if (save_choices[i] == pkio_order_get_save_credit_card (order))
      pkio_choice_row_set_selected (self->save_row, i);
  gtk_switch_set_active (self->default_switch, pkio_order_get_set_as_default (order));
  self->syncing = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->card_group), method == PKIO_PAYMENT_METHOD_CARD);
  gtk_widget_set_visible (GTK_WIDGET (self->billing_group), method == PKIO_PAYMENT_METHOD_CARD);

  pkio_form_set_asked (self->form, "billing_address.state", uses_states);
  if (!uses_states)
    pkio_order_set_text (order, PKIO_ORDER_TEXT_BILLING_STATE, NULL);
}

static void
method_toggled_cb (PkioPaymentPage *self)
{
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));

  if (self->syncing || order == NULL)
    return;

  if (gtk_check_button_get_active (self->balance_check))
    pkio_order_set_payment_method (order, PKIO_PAYMENT_METHOD_BALANCE);
  else if (gtk_check_button_get_active (self->card_check))
    pkio_order_set_payment_method (order, PKIO_PAYMENT_METHOD_CARD);
  pkio_form_touch (self->form, "payment_method");
}

static void
save_selected_cb (PkioPaymentPage *self)
{
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));
  guint selected = pkio_choice_row_get_selected (self->save_row);

  if (self->syncing || order == NULL || selected >= G_N_ELEMENTS (save_choices))
    return;

  pkio_order_set_save_credit_card (order, save_choices[selected]);
}

static void
default_active_cb (PkioPaymentPage *self)
{
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));

  if (self->syncing || order == NULL)
    return;

  pkio_order_set_set_as_default (order, gtk_switch_get_active (self->default_switch));
}

static void
same_as_shipping_cb (PkioPaymentPage *self)
{
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));
  static const struct { PkioOrderText from, to; } copies[] = {
    { PKIO_ORDER_TEXT_SHIP_ADDR1, PKIO_ORDER_TEXT_BILLING_ADDRESS },
    { PKIO_ORDER_TEXT_SHIP_ADDR2, PKIO_ORDER_TEXT_BILLING_ADDRESS2 },
    { PKIO_ORDER_TEXT_SHIP_CITY, PKIO_ORDER_TEXT_BILLING_CITY },
    { PKIO_ORDER_TEXT_SHIP_ZIP, PKIO_ORDER_TEXT_BILLING_ZIP },
    { PKIO_ORDER_TEXT_SHIP_COUNTRY, PKIO_ORDER_TEXT_BILLING_COUNTRY },
    { PKIO_ORDER_TEXT_SHIP_STATE, PKIO_ORDER_TEXT_BILLING_STATE },
  };

  /* The country goes before the state, which is kept only where the
   * country has states (sync_from_order). */
  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    pkio_order_set_text (order, copies[i].to, pkio_order_get_text (order, copies[i].from));

  /* As on the shipping page: the focus goes to the address, which a
   * screen reader then reads; Alt+S was silent where it left the focus. */
  gtk_widget_grab_focus (pkio_form_get_row (self->form,
                                            pkio_order_text_get_path (PKIO_ORDER_TEXT_BILLING_ADDRESS)));
}

static void
pkio_payment_page_shown (PkioPage *page)
{
  PkioPaymentPage *self = PKIO_PAYMENT_PAGE (page);

  if (pkio_order_get_payment_method (pkio_page_get_order (page)) == PKIO_PAYMENT_METHOD_CARD)
    pkio_form_focus_first (self->form);
}

static void
pkio_payment_page_reset (PkioPage *page)
{
  pkio_form_reset (PKIO_PAYMENT_PAGE (page)->form);
}

static void
pkio_payment_page_constructed (GObject *object)
{
  PkioPaymentPage *self = (PkioPaymentPage *)object;
  PkioForm *form;

  G_OBJECT_CLASS (pkio_payment_page_parent_class)->constructed (object);

  form = self->form = pkio_form_new (PKIO_PAGE (self), PKIO_ORDER_STEP_PAYMENT);

  pkio_form_add_choice (form, self->method_group, GTK_WIDGET (self->balance_row),
                        GTK_WIDGET (self->card_row), "payment_method");

  pkio_form_add_entry (form, self->card_group, PKIO_ORDER_TEXT_CARD_NUMBER,
                       _("Card Number"), PKIO_FORM_FIELD_DIGITS);
  pkio_form_add_entry (form, self->card_group, PKIO_ORDER_TEXT_CARD_EXPIRATION_MONTH,
                       _("Expiry Month (MM)"), PKIO_FORM_FIELD_DIGITS);
  pkio_form_add_entry (form, self->card_group, PKIO_ORDER_TEXT_CARD_EXPIRATION_YEAR,
                       _("Expiry Year (YYYY)"), PKIO_FORM_FIELD_DIGITS);
  pkio_form_add_entry (form, self->card_group, PKIO_ORDER_TEXT_CARD_CVV,
                       _("Security Code (CVV)"),
                       PKIO_FORM_FIELD_SECRET | PKIO_FORM_FIELD_DIGITS);
  pkio_form_add_entry (form, self->card_group, PKIO_ORDER_TEXT_CARDHOLDER_NAME,
                       _("Cardholder Name"), PKIO_FORM_FIELD_NAME);

  /* Save and default are not checked by the core: plain rows, after the
   * fields, in the order of the form. */
  g_object_ref (self->save_row);
  g_object_ref (self->default_row);
  adw_preferences_group_remove (self->card_group, GTK_WIDGET (self->save_row));
  adw_preferences_group_remove (self->card_group, GTK_WIDGET (self->default_row));
  adw_preferences_group_add (self->card_group, GTK_WIDGET (self->save_row));
  adw_preferences_group_add (self->card_group, GTK_WIDGET (self->default_row));
  g_object_unref (self->save_row);
  g_object_unref (self->default_row);

  pkio_form_add_entry (form, self->billing_group, PKIO_ORDER_TEXT_BILLING_ADDRESS,
                       _("Street and Number"), PKIO_FORM_FIELD_NONE);
  pkio_form_add_entry (form, self->billing_group, PKIO_ORDER_TEXT_BILLING_ADDRESS2,
                       _("Address, Second Line (Optional)"), PKIO_FORM_FIELD_NONE);
  pkio_form_add_entry (form, self->billing_group, PKIO_ORDER_TEXT_BILLING_ZIP,
                       _("Postal Code"), PKIO_FORM_FIELD_NONE);
  pkio_form_add_entry (form, self->billing_group, PKIO_ORDER_TEXT_BILLING_CITY,
                       _("City"), PKIO_FORM_FIELD_NONE);
  self->billing_state_row = pkio_form_add_state (form, self->billing_group,
                                                 PKIO_ORDER_TEXT_BILLING_STATE,
                                                 PKIO_ORDER_TEXT_BILLING_COUNTRY,
                                                 _("State or Province"), FALSE);
  pkio_form_add_country (form, self->billing_group, PKIO_ORDER_TEXT_BILLING_COUNTRY,
                         _("Country"));

  pkio_page_watch_order (PKIO_PAGE (self), G_CALLBACK (sync_from_order),
                         "payment-method", "save-credit-card", "set-as-default",
                         "billing-country", NULL);
  sync_from_order (self);
  pkio_form_validate (form);
}

static void
pkio_payment_page_dispose (GObject *object)
{
  PkioPaymentPage *self = (PkioPaymentPage *)object;

  g_clear_object (&self->form);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PKIO_TYPE_PAYMENT_PAGE);

  G_OBJECT_CLASS (pkio_payment_page_parent_class)->dispose (object);
}

static void
pkio_payment_page_class_init (PkioPaymentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PkioPageClass *page_class = PKIO_PAGE_CLASS (klass);

  object_class->constructed = pkio_payment_page_constructed;
  object_class->dispose = pkio_payment_page_dispose;

  page_class->shown = pkio_payment_page_shown;
  page_class->reset = pkio_payment_page_reset;

  g_type_ensure (PKIO_TYPE_CHOICE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/pkio-payment-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioPaymentPage, method_group);
  gtk_widget_class_bind_template_child (widget_class, PkioPaymentPage, card_group);
  gtk_widget_class_bind_template_child (widget_class, PkioPaymentPage, billing_group);
  gtk_widget_class_bind_template_child (widget_class, PkioPaymentPage, balance_check);
  gtk_widget_class_bind_template_child (widget_class, PkioPaymentPage, card_check);
  gtk_widget_class_bind_template_child (widget_class, PkioPaymentPage, balance_row);
  gtk_widget_class_bind_template_child (widget_class, PkioPaymentPage, card_row);
  gtk_widget_class_bind_template_child (widget_class, PkioPaymentPage, save_row);
  gtk_widget_class_bind_template_child (widget_class, PkioPaymentPage, default_row);
  gtk_widget_class_bind_template_child (widget_class, PkioPaymentPage, default_switch);
  gtk_widget_class_bind_template_callback (widget_class, method_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, default_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, same_as_shipping_cb);
}

static void
pkio_payment_page_init (PkioPaymentPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

}

PkioPage *
pkio_payment_page_new (PkioOrder *order)
{
  g_return_val_if_fail (PKIO_IS_ORDER (order), NULL);

  return g_object_new (PKIO_TYPE_PAYMENT_PAGE, "order", order, NULL);
}
