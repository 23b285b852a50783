/* pkio-shipping-page.c
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

#include "pkio-country.h"
#include "pkio-form.h"
#include "pkio-shipping-page.h"

/* ship_info: where DigiCert sends the hardware token (a QSCD: the key is
 * made on it, so it always travels by post). */

struct _PkioShippingPage
{
  PkioPage             parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *address_group;
  AdwPreferencesGroup *method_group;
  GtkButton           *same_button;
  GtkCheckButton      *standard_check;
  GtkCheckButton      *expedited_check;
  AdwActionRow        *standard_row;
  AdwActionRow        *expedited_row;

  /* Owned */
  PkioForm            *form;
  guint                syncing : 1;
};

G_DEFINE_FINAL_TYPE (PkioShippingPage, pkio_shipping_page, PKIO_TYPE_PAGE)

static void
sync_from_order (PkioShippingPage *self)
{
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));
  PkioShipMethod method = pkio_order_get_ship_method (order);

  self->syncing = TRUE;
  gtk_check_button_set_active (self->standard_check, method == PKIO_SHIP_METHOD_STANDARD);
  gtk_check_button_set_active (self->expedited_check, method == PKIO_SHIP_METHOD_EXPEDITED);
  self->syncing = FALSE;

  /* An existing individual's address is not known here. */
  gtk_widget_set_visible (GTK_WIDGET (self->same_button),
                          pkio_order_get_individual_id (order) <= 0);

  /* The only method the product has; a new order keeps it. */
  if (pkio_order_get_text (order, PKIO_ORDER_TEXT_PROVISIONING_METHOD) == NULL)
    pkio_order_set_text (order, PKIO_ORDER_TEXT_PROVISIONING_METHOD,
                         PKIO_ORDER_PROVISIONING_QSCD);
}

static void
method_toggled_cb (PkioShippingPage *self)
{
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));

  if (self->syncing || order == NULL)
    return;

  if (gtk_check_button_get_active (self->standard_check))
    pkio_order_set_ship_method (order, PKIO_SHIP_METHOD_STANDARD);
  else if (gtk_check_button_get_active (self->expedited_check))
    pkio_order_set_ship_method (order, PKIO_SHIP_METHOD_EXPEDITED);
  pkio_form_touch (self->form, "ship_info.method");
}

static void
same_as_applicant_cb (PkioShippingPage *self)
{
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));
  const char *first = pkio_order_get_text (order, PKIO_ORDER_TEXT_FIRST_NAME);
  const char *last = pkio_order_get_text (order, PKIO_ORDER_TEXT_LAST_NAME);
  g_autofree char *name = NULL;
  const PkioSubdivision *subdivision;
  static const struct { PkioOrderText from, to; } copies[] = {
    { PKIO_ORDER_TEXT_CITY, PKIO_ORDER_TEXT_SHIP_CITY },
    { PKIO_ORDER_TEXT_STATE, PKIO_ORDER_TEXT_SHIP_STATE },
    { PKIO_ORDER_TEXT_ZIP, PKIO_ORDER_TEXT_SHIP_ZIP },
    { PKIO_ORDER_TEXT_COUNTRY, PKIO_ORDER_TEXT_SHIP_COUNTRY },
  };

  name = g_strjoin (" ", first ? first : "", last ? last : "", NULL);
  g_strstrip (name);

  /* The applicant has no street address: the address lines stay as they
   * are, and the focus goes there. */
  g_object_freeze_notify (G_OBJECT (order));
  pkio_order_set_text (order, PKIO_ORDER_TEXT_SHIP_NAME, name);
  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    {
      const char *value = pkio_order_get_text (order, copies[i].from);

      if (value != NULL || copies[i].from != PKIO_ORDER_TEXT_STATE)
        pkio_order_set_text (order, copies[i].to, value);
    }
  /* The individual's state is a name, ship_info's a code. */
  subdivision = pkio_country_find_subdivision (pkio_order_get_text (order, PKIO_ORDER_TEXT_COUNTRY),
                                               pkio_order_get_text (order, PKIO_ORDER_TEXT_STATE));
  if (subdivision != NULL)
    {
      g_autofree char *code = pkio_subdivision_dup_value (subdivision, TRUE);

      pkio_order_set_text (order, PKIO_ORDER_TEXT_SHIP_STATE, code);
    }
  g_object_thaw_notify (G_OBJECT (order));

  gtk_widget_grab_focus (pkio_form_get_row (self->form, "ship_info.addr1"));
}

/* Alt+S fills the address at once: GTK would click the button only at the
 * end of its press animation, and letters typed in that moment would go
 * to the field the click then overwrites. */
static gboolean
same_mnemonic_cb (GtkWidget        *button,
                  gboolean          group_cycling,
                  PkioShippingPage *self)
{
  if (group_cycling)
    return FALSE;

  same_as_applicant_cb (self);
  return TRUE;
}

static void
pkio_shipping_page_shown (PkioPage *page)
{
  pkio_form_focus_first (PKIO_SHIPPING_PAGE (page)->form);
}

static void
pkio_shipping_page_reset (PkioPage *page)
{
  pkio_form_reset (PKIO_SHIPPING_PAGE (page)->form);
}

static void
pkio_shipping_page_constructed (GObject *object)
{
  PkioShippingPage *self = (PkioShippingPage *)object;
  PkioForm *form;

  G_OBJECT_CLASS (pkio_shipping_page_parent_class)->constructed (object);

  form = self->form = pkio_form_new (PKIO_PAGE (self), PKIO_ORDER_STEP_SHIPPING);

  pkio_form_add_entry (form, self->address_group, PKIO_ORDER_TEXT_SHIP_NAME,
                       _("Recipient"), PKIO_FORM_FIELD_NAME);
  pkio_form_add_entry (form, self->address_group, PKIO_ORDER_TEXT_SHIP_ADDR1,
                       _("Street and Number"), PKIO_FORM_FIELD_NONE);
  pkio_form_add_entry (form, self->address_group, PKIO_ORDER_TEXT_SHIP_ADDR2,
                       _("Address, Second Line (Optional)"), PKIO_FORM_FIELD_NONE);
  pkio_form_add_entry (form, self->address_group, PKIO_ORDER_TEXT_SHIP_ZIP,
                       _("Postal Code"), PKIO_FORM_FIELD_NONE);
  pkio_form_add_entry (form, self->address_group, PKIO_ORDER_TEXT_SHIP_CITY,
                       _("City"), PKIO_FORM_FIELD_NONE);
  /* ship_info.state is sent as the code after the dash ("la"), as the
   * contract's example does. */
  pkio_form_add_state (form, self->address_group, PKIO_ORDER_TEXT_SHIP_STATE,
                       PKIO_ORDER_TEXT_SHIP_COUNTRY, _("State, Province or Region"), TRUE);
  pkio_form_add_country (form, self->address_group, PKIO_ORDER_TEXT_SHIP_COUNTRY,
                         _("Country"));

  /* The two method rows are in the template; problems go under the last,
   * the focus to the first (not to the dearer choice). */
  pkio_form_add_choice (form, self->method_group, GTK_WIDGET (self->standard_row),
                        GTK_WIDGET (self->expedited_row), "ship_info.method");

  pkio_page_watch_order (PKIO_PAGE (self), G_CALLBACK (sync_from_order),
                         "ship-method", "individual-id", "provisioning-method", NULL);
  g_signal_connect_object (self->same_button, "mnemonic-activate", G_CALLBACK (same_mnemonic_cb),
                           self, 0);
  sync_from_order (self);
  pkio_form_validate (form);
}

static void
pkio_shipping_page_dispose (GObject *object)
{
  PkioShippingPage *self = (PkioShippingPage *)object;

  g_clear_object (&self->form);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PKIO_TYPE_SHIPPING_PAGE);

  G_OBJECT_CLASS (pkio_shipping_page_parent_class)->dispose (object);
}

static void
pkio_shipping_page_class_init (PkioShippingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PkioPageClass *page_class = PKIO_PAGE_CLASS (klass);

  object_class->constructed = pkio_shipping_page_constructed;
  object_class->dispose = pkio_shipping_page_dispose;

  page_class->shown = pkio_shipping_page_shown;
  page_class->reset = pkio_shipping_page_reset;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/pkio-shipping-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioShippingPage, address_group);
  gtk_widget_class_bind_template_child (widget_class, PkioShippingPage, method_group);
  gtk_widget_class_bind_template_child (widget_class, PkioShippingPage, same_button);
  gtk_widget_class_bind_template_child (widget_class, PkioShippingPage, standard_check);
  gtk_widget_class_bind_template_child (widget_class, PkioShippingPage, expedited_check);
  gtk_widget_class_bind_template_child (widget_class, PkioShippingPage, standard_row);
  gtk_widget_class_bind_template_child (widget_class, PkioShippingPage, expedited_row);
  gtk_widget_class_bind_template_callback (widget_class, method_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, same_as_applicant_cb);
}

static void
pkio_shipping_page_init (PkioShippingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

}

PkioPage *
pkio_shipping_page_new (PkioOrder *order)
{
  g_return_val_if_fail (PKIO_IS_ORDER (order), NULL);

  return g_object_new (PKIO_TYPE_SHIPPING_PAGE, "order", order, NULL);
}
