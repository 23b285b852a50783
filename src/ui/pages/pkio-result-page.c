/* pkio-result-page.c
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

#include "pkio-receipt.h"
#include "pkio-form.h"
#include "pkio-question.h"
#include "pkio-window.h"
#include "pkio-result-page.h"

/* What CertCentral answered, and what happens next. There is no way back
 * from here (the order is placed); "New Order" starts over with no
 * personal data left on screen, as a registration desk needs. */

struct _PkioResultPage
{
  PkioPage      parent_instance;

  /* Template widgets */
  AdwActionRow *order_row;
  AdwActionRow *certificate_row;
  GtkButton    *copy_order_button;
  GtkButton    *copy_certificate_button;

  /* Owned */
  char         *order_id;
  char         *certificate_id;
  PkioReceipt  *receipt;       /* for printing; made when the order was placed */
  gboolean      practice;
};

enum {
  NEW_ORDER,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PkioResultPage, pkio_result_page, PKIO_TYPE_PAGE)

static guint signals[N_SIGNALS];

static void
copy_text (PkioResultPage *self,
           const char     *text)
{
  if (text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}

/* The numbers' rows are no Tab stops (pkio_form_quiet_info_row()), and
 * the page opens on the copy button: Orca read the button and never the
 * number, which the button now says. Kept when the receipt is cleared for
 * the next applicant, with the button perhaps in focus: Orca 43 said the
 * new name. The next receipt names it again. */
static void
name_copy_button (GtkButton  *button,
                  const char *name,
                  const char *number)
{
  if (number != NULL)
    pkio_form_describe (GTK_WIDGET (button), name, number);
}

static void
copy_order_cb (PkioResultPage *self)
{
  copy_text (self, self->order_id);
}

static void
copy_certificate_cb (PkioResultPage *self)
{
  copy_text (self, self->certificate_id);
}

static void
printed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PkioResultPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *printer = NULL;
  g_autofree char *message = NULL;
  const char *title;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!pkio_receipt_print_finish (PKIO_RECEIPT (object), result, &path, &printer, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup (error->message);
      title = _("The receipt could not be printed");
    }
  else
    {
      message = pkio_receipt_dup_done_message (path, printer);
      title = path != NULL ? _("Receipt saved") : _("Receipt printed");
    }

  /* Said where it went: a PDF saved without a word is a PDF lost. */
  if (PKIO_IS_WINDOW (root))
    pkio_window_add_toast (PKIO_WINDOW (root),
                           pkio_toast_new_for_message (GTK_WIDGET (root), title, message));
}

static void
print_receipt_cb (PkioResultPage *self)
{
  if (self->receipt != NULL)
    pkio_receipt_print_async (self->receipt, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                              NULL, printed_cb, g_object_ref (self));
}

static void
new_order_cb (PkioResultPage *self)
{
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));

  pkio_order_wipe_card_secrets (order);
  pkio_order_clear_personal_data (order);
  pkio_result_page_set_receipt (self, NULL);

  g_signal_emit (self, signals[NEW_ORDER], 0);
}

static void
pkio_result_page_dispose (GObject *object)
{
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), PKIO_TYPE_RESULT_PAGE);

  G_OBJECT_CLASS (pkio_result_page_parent_class)->dispose (object);
}

static void
pkio_result_page_finalize (GObject *object)
{
  PkioResultPage *self = (PkioResultPage *)object;

  g_clear_pointer (&self->order_id, g_free);
  g_clear_pointer (&self->certificate_id, g_free);
  g_clear_object (&self->receipt);

  G_OBJECT_CLASS (pkio_result_page_parent_class)->finalize (object);
}

static void
pkio_result_page_class_init (PkioResultPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PkioPageClass *page_class = PKIO_PAGE_CLASS (klass);

  object_class->dispose = pkio_result_page_dispose;
  object_class->finalize = pkio_result_page_finalize;

  page_class->final = TRUE;

  /**
   * PkioResultPage::new-order:
   *
   * The order's personal data is cleared; the window goes back to the start.
   */
  signals[NEW_ORDER] =
    g_signal_new ("new-order",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/pkio-result-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioResultPage, order_row);
  gtk_widget_class_bind_template_child (widget_class, PkioResultPage, certificate_row);
  gtk_widget_class_bind_template_child (widget_class, PkioResultPage, copy_order_button);
  gtk_widget_class_bind_template_child (widget_class, PkioResultPage, copy_certificate_button);
  gtk_widget_class_bind_template_callback (widget_class, copy_order_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_certificate_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_order_cb);
  gtk_widget_class_bind_template_callback (widget_class, print_receipt_cb);
}

static void
pkio_result_page_init (PkioResultPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pkio_form_quiet_icons (GTK_WIDGET (self));

  pkio_page_set_complete (PKIO_PAGE (self), TRUE);
}

PkioPage *
pkio_result_page_new (PkioOrder *order)
{
  g_return_val_if_fail (PKIO_IS_ORDER (order), NULL);

  return g_object_new (PKIO_TYPE_RESULT_PAGE, "order", order, NULL);
}

/**
 * pkio_result_page_set_receipt:
 * @receipt: (nullable): what CertCentral answered, or %NULL to forget it
 */
void
pkio_result_page_set_receipt (PkioResultPage         *self,
                              const PkioOrderReceipt *receipt)
{
  g_return_if_fail (PKIO_IS_RESULT_PAGE (self));

  g_clear_pointer (&self->order_id, g_free);
  g_clear_pointer (&self->certificate_id, g_free);
  g_clear_object (&self->receipt);

  if (receipt != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      self->order_id = g_strdup_printf ("%" G_GINT64_FORMAT, receipt->id);
      if (receipt->certificate_id > 0)
        self->certificate_id = g_strdup_printf ("%" G_GINT64_FORMAT, receipt->certificate_id);

      /* Made now, from the order as placed: it is cleared for the next
       * applicant while the receipt may still be printed. */
      self->receipt = pkio_receipt_new (pkio_page_get_order (PKIO_PAGE (self)), receipt->id,
                                        receipt->certificate_id, now, self->practice);
    }

  adw_action_row_set_subtitle (self->order_row, self->order_id ? self->order_id : "");
  adw_action_row_set_subtitle (self->certificate_row,
                               self->certificate_id
                                 ? self->certificate_id
                                 : _("Given once DigiCert approves the request"));
  gtk_widget_set_visible (GTK_WIDGET (self->copy_certificate_button),
                          self->certificate_id != NULL);

  name_copy_button (self->copy_order_button, _("Copy Order Number"), self->order_id);
  name_copy_button (self->copy_certificate_button, _("Copy Certificate Number"),
                    self->certificate_id);
}

/**
 * pkio_result_page_set_practice:
 *
 * Whether the order went to the practice simulator; the receipt says so.
 */
void
pkio_result_page_set_practice (PkioResultPage *self,
                               gboolean        practice)
{
  g_return_if_fail (PKIO_IS_RESULT_PAGE (self));

  self->practice = !!practice;
}

/**
 * pkio_result_page_get_receipt:
 *
 * Returns: (transfer none) (nullable): the printable receipt of the order
 *   just placed
 */
PkioReceipt *
pkio_result_page_get_receipt (PkioResultPage *self)
{
  g_return_val_if_fail (PKIO_IS_RESULT_PAGE (self), NULL);

  return self->receipt;
}
