/* pkio-applicant-page.c
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

#include "pkio-applicant-page.h"
#include "pkio-country.h"
#include "pkio-form.h"

/* certificate.individual: who the certificate is for. Skipped when the
 * welcome page names an individual already known to CertCentral. */

struct _PkioApplicantPage
{
  PkioPage             parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *person_group;
  AdwPreferencesGroup *address_group;

  /* Owned */
  PkioForm            *form;
  GtkWidget           *state_row;
};

G_DEFINE_FINAL_TYPE (PkioApplicantPage, pkio_applicant_page, PKIO_TYPE_PAGE)

static void
order_changed_cb (PkioApplicantPage *self)
{
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));
  const char *country = pkio_order_get_text (order, PKIO_ORDER_TEXT_COUNTRY);
  gboolean uses_states = pkio_country_uses_states (country);

  gtk_widget_set_visible (GTK_WIDGET (self), pkio_order_get_individual_id (order) <= 0);

  /* A state left over from another country would be sent unseen. */
  pkio_form_set_asked (self->form, "certificate.individual.state", uses_states);
  if (!uses_states)
    pkio_order_set_text (order, PKIO_ORDER_TEXT_STATE, NULL);
}

static void
pkio_applicant_page_shown (PkioPage *page)
{
  pkio_form_focus_first (PKIO_APPLICANT_PAGE (page)->form);
}

static void
pkio_applicant_page_reset (PkioPage *page)
{
  pkio_form_reset (PKIO_APPLICANT_PAGE (page)->form);
}

static void
pkio_applicant_page_constructed (GObject *object)
{
  PkioApplicantPage *self = (PkioApplicantPage *)object;

  G_OBJECT_CLASS (pkio_applicant_page_parent_class)->constructed (object);

  self->form = pkio_form_new (PKIO_PAGE (self), PKIO_ORDER_STEP_APPLICANT);

  pkio_form_add_entry (self->form, self->person_group, PKIO_ORDER_TEXT_FIRST_NAME,
                       _("First Name"), PKIO_FORM_FIELD_NAME);
  pkio_form_add_entry (self->form, self->person_group, PKIO_ORDER_TEXT_LAST_NAME,
                       _("Last Name"), PKIO_FORM_FIELD_NAME);
  pkio_form_add_entry (self->form, self->person_group, PKIO_ORDER_TEXT_EMAIL,
                       _("Email Address"), PKIO_FORM_FIELD_EMAIL);
  pkio_form_add_entry (self->form, self->person_group, PKIO_ORDER_TEXT_TELEPHONE,
                       _("Telephone Number"), PKIO_FORM_FIELD_PHONE);

  pkio_form_add_country (self->form, self->address_group, PKIO_ORDER_TEXT_COUNTRY,
                         _("Country"));
  self->state_row = pkio_form_add_state (self->form, self->address_group,
                                         PKIO_ORDER_TEXT_STATE, PKIO_ORDER_TEXT_COUNTRY,
                                         _("State or Province"), FALSE);
  pkio_form_add_entry (self->form, self->address_group, PKIO_ORDER_TEXT_CITY,
                       _("City"), PKIO_FORM_FIELD_NONE);
  pkio_form_add_entry (self->form, self->address_group, PKIO_ORDER_TEXT_ZIP,
                       _("Postal Code"), PKIO_FORM_FIELD_NONE);

  pkio_page_watch_order (PKIO_PAGE (self), G_CALLBACK (order_changed_cb),
                         "country", "individual-id", NULL);
  order_changed_cb (self);
  pkio_form_validate (self->form);
}

static void
pkio_applicant_page_dispose (GObject *object)
{
  PkioApplicantPage *self = (PkioApplicantPage *)object;

  g_clear_object (&self->form);

  /* AdwBin 1.2 unparents its child again in its own dispose. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PKIO_TYPE_APPLICANT_PAGE);

  G_OBJECT_CLASS (pkio_applicant_page_parent_class)->dispose (object);
}

static void
pkio_applicant_page_class_init (PkioApplicantPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PkioPageClass *page_class = PKIO_PAGE_CLASS (klass);

  object_class->constructed = pkio_applicant_page_constructed;
  object_class->dispose = pkio_applicant_page_dispose;

  page_class->shown = pkio_applicant_page_shown;
  page_class->reset = pkio_applicant_page_reset;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/pkio-applicant-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioApplicantPage, person_group);
  gtk_widget_class_bind_template_child (widget_class, PkioApplicantPage, address_group);
}

static void
pkio_applicant_page_init (PkioApplicantPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

}

PkioPage *
pkio_applicant_page_new (PkioOrder *order)
{
  g_return_val_if_fail (PKIO_IS_ORDER (order), NULL);

  return g_object_new (PKIO_TYPE_APPLICANT_PAGE, "order", order, NULL);
}
