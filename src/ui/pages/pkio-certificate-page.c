/* pkio-certificate-page.c
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

#include "pkio-certificate-page.h"
#include "pkio-choice-row.h"
#include "pkio-form.h"
#include "pkio-validate.h"

/* The certificate itself: what is fixed by the product is shown as fact,
 * what may be chosen is the signature scheme and how long it is valid. */

#define DEFAULT_DAYS 365

struct _PkioCertificatePage
{
  PkioPage             parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *scheme_group;
  AdwPreferencesGroup *validity_group;
  GtkWidget           *pss_row;
  GtkSwitch           *pss_switch;
  PkioChoiceRow       *kind_row;

  /* Owned */
  PkioForm            *form;
  GtkWidget           *years_row;
  GtkSpinButton       *years_spin;
  GtkWidget           *days_row;
  GtkSpinButton       *days_spin;
  GtkWidget           *date_row;
  GtkMenuButton       *date_button;
  GtkCalendar         *calendar;
  guint                syncing : 1;
};

G_DEFINE_FINAL_TYPE (PkioCertificatePage, pkio_certificate_page, PKIO_TYPE_PAGE)

static void
sync_from_order (PkioCertificatePage *self)
{
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));
  PkioValidityKind kind = pkio_order_get_validity_kind (order);
  const char *date = pkio_order_get_text (order, PKIO_ORDER_TEXT_CUSTOM_EXPIRATION_DATE);
  GDate parsed;

  self->syncing = TRUE;

  gtk_switch_set_active (self->pss_switch,
                         pkio_order_get_is_rsassa_pss (order) == PKIO_TRISTATE_YES);
  pkio_choice_row_set_selected (self->kind_row, kind);
  gtk_widget_set_visible (self->years_row, kind == PKIO_VALIDITY_KIND_YEARS);
  gtk_widget_set_visible (self->days_row, kind == PKIO_VALIDITY_KIND_DAYS);
  gtk_widget_set_visible (self->date_row, kind == PKIO_VALIDITY_KIND_CUSTOM_DATE);

  if (pkio_order_get_validity_years (order) > 0)
    gtk_spin_button_set_value (self->years_spin, pkio_order_get_validity_years (order));
  if (pkio_order_get_validity_days (order) > 0)
    gtk_spin_button_set_value (self->days_spin, pkio_order_get_validity_days (order));

  gtk_menu_button_set_label (self->date_button, date ? date : _("Choose a Date…"));
  g_date_clear (&parsed, 1);
  if (date != NULL && pkio_validate_custom_expiration_date (date, &parsed, NULL))
    {
      g_autoptr(GDateTime) when = g_date_time_new_local (g_date_get_year (&parsed),
                                                         g_date_get_month (&parsed),
                                                         g_date_get_day (&parsed), 0, 0, 0);
      gtk_calendar_select_day (self->calendar, when);
    }

  self->syncing = FALSE;
}

static void
pss_active_cb (PkioCertificatePage *self)
{
  /* The template sets the switch before the order is known. */
  if (self->syncing || pkio_page_get_order (PKIO_PAGE (self)) == NULL)
    return;

  pkio_order_set_is_rsassa_pss (pkio_page_get_order (PKIO_PAGE (self)),
                                gtk_switch_get_active (self->pss_switch)
                                  ? PKIO_TRISTATE_YES : PKIO_TRISTATE_NO);
}

static void
kind_selected_cb (PkioCertificatePage *self)
{
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));
  PkioValidityKind kind = pkio_choice_row_get_selected (self->kind_row);

  if (self->syncing || order == NULL || kind > PKIO_VALIDITY_KIND_CUSTOM_DATE)
    return;

  g_object_freeze_notify (G_OBJECT (order));
  /* Start from a valid value rather than an error the user did not make. */
  if (kind == PKIO_VALIDITY_KIND_YEARS && pkio_order_get_validity_years (order) <= 0)
    pkio_order_set_validity_years (order, 1);
  if (kind == PKIO_VALIDITY_KIND_DAYS && pkio_order_get_validity_days (order) <= 0)
    pkio_order_set_validity_days (order, DEFAULT_DAYS);
  pkio_order_set_validity_kind (order, kind);
  g_object_thaw_notify (G_OBJECT (order));
}

static void
spin_changed_cb (PkioCertificatePage *self,
                 GtkSpinButton       *spin)
{
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));

  if (self->syncing)
    return;

  if (spin == self->years_spin)
    pkio_order_set_validity_years (order, gtk_spin_button_get_value_as_int (spin));
  else
    pkio_order_set_validity_days (order, gtk_spin_button_get_value_as_int (spin));
}

static void
day_selected_cb (PkioCertificatePage *self)
{
  g_autoptr(GDateTime) when = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = NULL;
  GDate date;

  if (self->syncing)
    return;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (when), g_date_time_get_month (when),
                  g_date_time_get_year (when));
  text = pkio_format_custom_expiration_date (&date);

  /* The core says whether the date is within what CertCentral allows. */
  pkio_order_set_text (pkio_page_get_order (PKIO_PAGE (self)),
                       PKIO_ORDER_TEXT_CUSTOM_EXPIRATION_DATE, text);
  pkio_form_touch (self->form,
                   pkio_order_text_get_path (PKIO_ORDER_TEXT_CUSTOM_EXPIRATION_DATE));
  gtk_menu_button_popdown (self->date_button);
}

static GtkWidget *
spin_row_new (PkioCertificatePage  *self,
              const char           *title,
              int                   max,
              GtkSpinButton       **spin_out)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (1, max, 1);
  GtkWidget *row;

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  /* The row names it by its title (libadwaita's labelled-by). */
  row = g_object_new (ADW_TYPE_ACTION_ROW,
                      "title", title,
                      "activatable-widget", spin,
                      NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (spin_changed_cb), self,
                           G_CONNECT_SWAPPED);
  *spin_out = GTK_SPIN_BUTTON (spin);

  return row;
}

/* As on the applicant and shipping pages: the first field, or the first
 * with a message, even where GtkStack would give the focus back to the
 * control that had it when the page was last left (Valid For, when the
 * next order came). */
static void
pkio_certificate_page_shown (PkioPage *page)
{
  pkio_form_focus_first (PKIO_CERTIFICATE_PAGE (page)->form);
}

static void
pkio_certificate_page_reset (PkioPage *page)
{
  pkio_form_reset (PKIO_CERTIFICATE_PAGE (page)->form);
}

static void
pkio_certificate_page_constructed (GObject *object)
{
  PkioCertificatePage *self = (PkioCertificatePage *)object;
  GtkWidget *popover;

  G_OBJECT_CLASS (pkio_certificate_page_parent_class)->constructed (object);

  self->form = pkio_form_new (PKIO_PAGE (self), PKIO_ORDER_STEP_CERTIFICATE);

  /* The page's first control, where the focus goes when it opens; the
   * facts above it are no Tab stops. Without it the form had no field to
   * show while the standard period was chosen, and the focus went to the
   * "Signature Hash" fact. */
  pkio_form_add_row (self->form, self->scheme_group, self->pss_row, "certificate.is_rsassa_pss");

  self->years_row = spin_row_new (self, _("Years"), 3, &self->years_spin);
  pkio_form_add_row (self->form, self->validity_group, self->years_row, "order_validity.years");

  self->days_row = spin_row_new (self, _("Days"), 397, &self->days_spin);
  gtk_spin_button_set_value (self->days_spin, DEFAULT_DAYS);
  pkio_form_add_row (self->form, self->validity_group, self->days_row, "order_validity.days");

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self,
                           G_CONNECT_SWAPPED);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->calendar));
  self->date_button = g_object_new (GTK_TYPE_MENU_BUTTON,
                                    "popover", popover,
                                    "valign", GTK_ALIGN_CENTER,
                                    NULL);
  self->date_row = g_object_new (ADW_TYPE_ACTION_ROW,
                                 "title", _("Expiry Date"),
                                 "subtitle", _("At most 397 days from today"),
                                 "activatable-widget", self->date_button,
                                 NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->date_row), GTK_WIDGET (self->date_button));
  pkio_form_add_row (self->form, self->validity_group, self->date_row,
                     pkio_order_text_get_path (PKIO_ORDER_TEXT_CUSTOM_EXPIRATION_DATE));

  pkio_page_watch_order (PKIO_PAGE (self), G_CALLBACK (sync_from_order),
                         "is-rsassa-pss", "validity-kind", "validity-years", "validity-days",
                         "custom-expiration-date", NULL);
  sync_from_order (self);
  pkio_form_validate (self->form);
}

static void
pkio_certificate_page_dispose (GObject *object)
{
  PkioCertificatePage *self = (PkioCertificatePage *)object;

  g_clear_object (&self->form);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PKIO_TYPE_CERTIFICATE_PAGE);

  G_OBJECT_CLASS (pkio_certificate_page_parent_class)->dispose (object);
}

static void
pkio_certificate_page_class_init (PkioCertificatePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PkioPageClass *page_class = PKIO_PAGE_CLASS (klass);

  object_class->constructed = pkio_certificate_page_constructed;
  object_class->dispose = pkio_certificate_page_dispose;

  page_class->shown = pkio_certificate_page_shown;
  page_class->reset = pkio_certificate_page_reset;

  g_type_ensure (PKIO_TYPE_CHOICE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/pkio-certificate-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioCertificatePage, scheme_group);
  gtk_widget_class_bind_template_child (widget_class, PkioCertificatePage, validity_group);
  gtk_widget_class_bind_template_child (widget_class, PkioCertificatePage, pss_row);
  gtk_widget_class_bind_template_child (widget_class, PkioCertificatePage, pss_switch);
  gtk_widget_class_bind_template_child (widget_class, PkioCertificatePage, kind_row);
  gtk_widget_class_bind_template_callback (widget_class, pss_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_selected_cb);
}

static void
pkio_certificate_page_init (PkioCertificatePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

}

PkioPage *
pkio_certificate_page_new (PkioOrder *order)
{
  g_return_val_if_fail (PKIO_IS_ORDER (order), NULL);

  return g_object_new (PKIO_TYPE_CERTIFICATE_PAGE, "order", order, NULL);
}
