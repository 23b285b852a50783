/* pkio-agreement-page.c
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

#include "pkio-agreement-page.h"
#include "pkio-form.h"

/* csa_agreed_to: CertCentral has no endpoint for the agreement's text, so
 * the page says where to read it: the template links to DigiCert's legal
 * repository, where the PKIoverheid agreement is listed, since its own
 * address is not known for certain (api/certcentral-notes.md). */

struct _PkioAgreementPage
{
  PkioPage             parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *agree_group;
  AdwActionRow        *agree_row;
  GtkCheckButton      *agree_check;
  GtkWidget           *read_button;

  /* Owned */
  PkioForm            *form;
  guint                syncing : 1;
};

G_DEFINE_FINAL_TYPE (PkioAgreementPage, pkio_agreement_page, PKIO_TYPE_PAGE)

static void
sync_from_order (PkioAgreementPage *self)
{
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));

  self->syncing = TRUE;
  gtk_check_button_set_active (self->agree_check, pkio_order_get_csa_agreed_to (order));
  self->syncing = FALSE;
}

static void
agree_toggled_cb (PkioAgreementPage *self)
{
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));

  if (self->syncing || order == NULL)
    return;

  pkio_order_set_csa_agreed_to (order, gtk_check_button_get_active (self->agree_check));
  pkio_form_touch (self->form, "csa_agreed_to");
}

static void
pkio_agreement_page_reset (PkioPage *page)
{
  pkio_form_reset (PKIO_AGREEMENT_PAGE (page)->form);
}

static void
pkio_agreement_page_constructed (GObject *object)
{
  PkioAgreementPage *self = (PkioAgreementPage *)object;
  PkioOrder *order;

  G_OBJECT_CLASS (pkio_agreement_page_parent_class)->constructed (object);

  order = pkio_page_get_order (PKIO_PAGE (self));
  self->form = pkio_form_new (PKIO_PAGE (self), PKIO_ORDER_STEP_AGREEMENT);
  pkio_form_add_row (self->form, self->agree_group, GTK_WIDGET (self->agree_row),
                     "csa_agreed_to");

  g_signal_connect_object (order, "notify::csa-agreed-to", G_CALLBACK (sync_from_order), self,
                           G_CONNECT_SWAPPED);
  sync_from_order (self);
  pkio_form_validate (self->form);
}

static void
pkio_agreement_page_dispose (GObject *object)
{
  PkioAgreementPage *self = (PkioAgreementPage *)object;

  g_clear_object (&self->form);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PKIO_TYPE_AGREEMENT_PAGE);

  G_OBJECT_CLASS (pkio_agreement_page_parent_class)->dispose (object);
}

static void
pkio_agreement_page_class_init (PkioAgreementPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PkioPageClass *page_class = PKIO_PAGE_CLASS (klass);

  object_class->constructed = pkio_agreement_page_constructed;
  object_class->dispose = pkio_agreement_page_dispose;

  page_class->reset = pkio_agreement_page_reset;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/pkio-agreement-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioAgreementPage, agree_group);
  gtk_widget_class_bind_template_child (widget_class, PkioAgreementPage, agree_row);
  gtk_widget_class_bind_template_child (widget_class, PkioAgreementPage, agree_check);
  gtk_widget_class_bind_template_child (widget_class, PkioAgreementPage, read_button);
  gtk_widget_class_bind_template_callback (widget_class, agree_toggled_cb);
}

static void
pkio_agreement_page_init (PkioAgreementPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The link says where it goes by its role; the tooltip is for the eye. */
  pkio_form_describe_once (GTK_WIDGET (self->read_button), FALSE);

}

PkioPage *
pkio_agreement_page_new (PkioOrder *order)
{
  g_return_val_if_fail (PKIO_IS_ORDER (order), NULL);

  return g_object_new (PKIO_TYPE_AGREEMENT_PAGE, "order", order, NULL);
}
