/* pkio-receipt.c
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
#include <string.h>

#include "pkio-country.h"
#include "pkio-receipt.h"

/* The page's margins, as a letter's; the printer's own unprintable edge
 * lies within them. */
#define MARGIN_MM 20.0
/* Where the values start, so that they line up under each other. */
#define VALUE_TAB_MM 45.0

/* The one-page receipt a citizen takes home from the desk: the order
 * number, the date, the name, the shipping address, the validity and what
 * happens next. It is built from the order's public fields only: no card
 * data and no API key can reach it, whatever the order holds. */

struct _PkioReceipt
{
  GObject    parent_instance;

  char      *text;       /* Pango markup, escaped */
  gint64     order_id;
};

G_DEFINE_FINAL_TYPE (PkioReceipt, pkio_receipt, G_TYPE_OBJECT)

static void
pkio_receipt_finalize (GObject *object)
{
  PkioReceipt *self = (PkioReceipt *)object;

  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (pkio_receipt_parent_class)->finalize (object);
}

static void
pkio_receipt_class_init (PkioReceiptClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pkio_receipt_finalize;
}

static void
pkio_receipt_init (PkioReceipt *self)
{
}

static char *
dup_string (PkioOrder  *order,
            const char *property)
{
  char *value = NULL;

  g_object_get (order, property, &value, NULL);
  return value ? value : g_strdup ("");
}

static void
append_line (GString    *markup,
             const char *text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL || text[0] == '\0')
    return;

  escaped = g_markup_escape_text (text, -1);
  g_string_append_printf (markup, "%s\n", escaped);
}

/* A label and its value, a tab apart: the layout's tab stop aligns the
 * values in a column. */
static void
append_field (GString    *markup,
              const char *label,
              const char *value)
{
  g_autofree char *l = g_markup_escape_text (label, -1);
  g_autofree char *v = g_markup_escape_text (value, -1);

  g_string_append_printf (markup, "<b>%s</b>\t%s\n", l, v);
}

static void
append_heading (GString    *markup,
                gboolean    practice)
{
  g_string_append_printf (markup, "<span size='x-large' weight='bold'>%s</span>\n",
                          _("PKIo Citizen signing certificate"));
  g_string_append_printf (markup, "<span size='large'>%s</span>\n\n", _("Order receipt"));

  if (practice)
    g_string_append_printf (markup, "<b>%s</b>\n\n",
                            _("PRACTICE: this order went to a simulator. Nothing was ordered "
                              "or charged."));
}

static char *
describe_validity (PkioOrder *order)
{
  g_autofree char *date = NULL;
  int n;

  switch (pkio_order_get_validity_kind (order))
    {
    case PKIO_VALIDITY_KIND_YEARS:
      n = pkio_order_get_validity_years (order);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year", "%d years", n), n);

    case PKIO_VALIDITY_KIND_DAYS:
      n = pkio_order_get_validity_days (order);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", n), n);

    case PKIO_VALIDITY_KIND_CUSTOM_DATE:
      date = dup_string (order, "custom-expiration-date");
      /* Translators: %s is a date such as 09 JUN 2027 */
      return g_strdup_printf (_("Until %s"), date);

    case PKIO_VALIDITY_KIND_NONE:
    default:
      return g_strdup (_("As the account’s order validity allows"));
    }
}

static char *
build_markup (PkioOrder *order,
              gint64     order_id,
              gint64     certificate_id,
              GDateTime *submitted,
              gboolean   practice)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *first = dup_string (order, "first-name");
  g_autofree char *last = dup_string (order, "last-name");
  g_autofree char *name = g_strstrip (g_strjoin (" ", first, last, NULL));
  g_autofree char *ship_name = dup_string (order, "ship-name");
  g_autofree char *addr1 = dup_string (order, "ship-addr1");
  g_autofree char *addr2 = dup_string (order, "ship-addr2");
  g_autofree char *zip = dup_string (order, "ship-zip");
  g_autofree char *city = dup_string (order, "ship-city");
  g_autofree char *state = dup_string (order, "ship-state");
  g_autofree char *country = dup_string (order, "ship-country");
  g_autofree char *zip_city = g_strstrip (g_strjoin ("  ", zip, city, NULL));
  g_autofree char *date = g_date_time_format (submitted, "%-d %B %Y");
  g_autofree char *order_text = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);
  g_autofree char *validity = describe_validity (order);
  const char *country_name = country[0] ? pkio_country_get_name (country) : NULL;

  append_heading (markup, practice);
  append_field (markup, _("Order number"), order_text);
  if (certificate_id > 0)
    {
      g_autofree char *certificate_text = g_strdup_printf ("%" G_GINT64_FORMAT, certificate_id);

      append_field (markup, _("Certificate number"), certificate_text);
    }
  append_field (markup, _("Date"), date);
  if (name[0] != '\0')
    append_field (markup, _("Name"), name);
  else if (pkio_order_get_individual_id (order) > 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             pkio_order_get_individual_id (order));

      append_field (markup, _("CertCentral individual"), id);
    }
  append_field (markup, _("Validity"), validity);

  g_string_append_printf (markup, "\n<b>%s</b>\n", _("The token is shipped to"));
  append_line (markup, ship_name);
  append_line (markup, addr1);
  append_line (markup, addr2);
  append_line (markup, zip_city);
  append_line (markup, state);
  append_line (markup, country_name ? country_name : country);
  append_line (markup, pkio_order_get_ship_method (order) == PKIO_SHIP_METHOD_EXPEDITED
                       ? _("Expedited shipping") : _("Standard shipping"));

  g_string_append_printf (markup, "\n<b>%s</b>\n", _("What happens next"));
  append_line (markup, _("1. DigiCert emails you to confirm your shipping address. Answer that "
                         "email: nothing ships until you do."));
  append_line (markup, _("2. DigiCert makes your signing key on a hardware token and ships the "
                         "token to the address above. The PIN comes separately."));
  append_line (markup, _("3. When the token arrives, install the certificate with DigiCert Trust "
                         "Assistant, from the order’s page in CertCentral."));
  g_string_append (markup, "\n");
  append_line (markup, _("Keep this receipt: quote the order number in any question to "
                         "DigiCert."));

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

/**
 * pkio_receipt_new:
 * @order: the order as it was submitted
 * @submitted: when it was submitted
 * @practice: whether it went to the practice simulator
 */
PkioReceipt *
pkio_receipt_new (PkioOrder *order,
                  gint64     order_id,
                  gint64     certificate_id,
                  GDateTime *submitted,
                  gboolean   practice)
{
  PkioReceipt *self;

  g_return_val_if_fail (PKIO_IS_ORDER (order), NULL);
  g_return_val_if_fail (order_id > 0, NULL);
  g_return_val_if_fail (submitted != NULL, NULL);

  self = g_object_new (PKIO_TYPE_RECEIPT, NULL);
  /* Built now: the order may be cleared for the next applicant while the
   * print dialog is still open. */
  self->text = build_markup (order, order_id, certificate_id, submitted, practice);
  self->order_id = order_id;

  return self;
}

static char *
build_history_markup (const PkioHistoryEntry *entry,
                      const char             *status)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autoptr(GDateTime) local = entry->date ? g_date_time_to_local (entry->date) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = local ? g_date_time_format (local, "%-d %B %Y") : NULL;
  g_autofree char *today = g_date_time_format (now, "%-d %B %Y");
  g_autofree char *order_text = g_strdup_printf ("%" G_GINT64_FORMAT, entry->order_id);
  g_autofree char *note = NULL;

  append_heading (markup, entry->practice);
  append_field (markup, _("Order number"), order_text);
  if (entry->certificate_id > 0)
    {
      g_autofree char *certificate_text = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                           entry->certificate_id);

      append_field (markup, _("Certificate number"), certificate_text);
    }
  if (date != NULL)
    append_field (markup, _("Date"), date);
  if (entry->applicant != NULL && entry->applicant[0] != '\0')
    append_field (markup, _("Name"), entry->applicant);
  if (entry->email != NULL && entry->email[0] != '\0')
    append_field (markup, _("Email"), entry->email);
  if (status != NULL)
    append_field (markup, _("Status"), status);

  g_string_append (markup, "\n");
  /* Translators: %s is today's date; the history keeps no addresses */
  note = g_strdup_printf (_("Printed again from the order history on %s. The shipping address "
                            "is on the receipt given when the order was placed."),
                          today);
  append_line (markup, note);
  append_line (markup, _("Keep this receipt: quote the order number in any question to "
                         "DigiCert."));

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

/**
 * pkio_receipt_new_for_history:
 * @entry: an order in the history
 * @status: (nullable): its status, for people
 *
 * The receipt of an order placed earlier, printed again: what the history
 * keeps (no address: the history does not hold one).
 */
PkioReceipt *
pkio_receipt_new_for_history (const PkioHistoryEntry *entry,
                              const char             *status)
{
  PkioReceipt *self;

  g_return_val_if_fail (entry != NULL && entry->order_id > 0, NULL);

  self = g_object_new (PKIO_TYPE_RECEIPT, NULL);
  self->text = build_history_markup (entry, status);
  self->order_id = entry->order_id;

  return self;
}

/**
 * pkio_receipt_dup_text:
 *
 * Returns: (transfer full): the receipt as plain text
 */
char *
pkio_receipt_dup_text (PkioReceipt *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (PKIO_IS_RECEIPT (self), NULL);

  pango_parse_markup (self->text, -1, 0, NULL, &text, NULL, NULL);
  return g_steal_pointer (&text);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PkioReceipt       *self)
{
  gtk_print_operation_set_n_pages (operation, 1);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PkioReceipt       *self)
{
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 11");
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  g_autoptr(PangoTabArray) tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT,
                                                                       (int) (VALUE_TAB_MM * 72.0
                                                                              / 25.4));

  /* The context is in points (the operation's unit), margins excluded. */
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, gtk_print_context_get_width (context) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_tabs (layout, tabs);
  pango_layout_set_markup (layout, self->text, -1);

  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, layout);
}

static GtkPrintOperation *
new_operation (PkioReceipt *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();

  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();

  gtk_page_setup_set_top_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_job_name (operation, _("PKIo order receipt"));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (begin_print_cb), self, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), self, 0);

  return operation;
}

/* Where a "Print to File" went; NULL for a printer. */
static char *
dup_saved_path (GtkPrintOperation *operation)
{
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
  const char *uri = settings ? gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI)
                             : NULL;

  return uri != NULL ? g_filename_from_uri (uri, NULL, NULL) : NULL;
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         GTask                   *task)
{
  GError *error = NULL;
  GtkPrintSettings *settings;

  g_signal_handlers_disconnect_by_data (operation, task);

  switch (result)
    {
    case GTK_PRINT_OPERATION_RESULT_ERROR:
      gtk_print_operation_get_error (operation, &error);
      g_task_return_error (task, error ? error : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                                      _("The receipt could not "
                                                                        "be printed.")));
      break;

    case GTK_PRINT_OPERATION_RESULT_APPLY:
      settings = gtk_print_operation_get_print_settings (operation);
      g_task_set_task_data (task, g_strdup (settings ? gtk_print_settings_get_printer (settings)
                                                     : NULL), g_free);
      g_task_return_pointer (task, dup_saved_path (operation), g_free);
      break;

    case GTK_PRINT_OPERATION_RESULT_CANCEL:
    case GTK_PRINT_OPERATION_RESULT_IN_PROGRESS:
    default:
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      break;
    }

  g_object_unref (task);
}

/**
 * pkio_receipt_print_async:
 *
 * Opens the print dialog (which also saves as PDF); returns at once.
 */
void
pkio_receipt_print_async (PkioReceipt         *self,
                          GtkWindow           *parent,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *order_number = NULL;
  g_autoptr(GError) error = NULL;
  GTask *task;

  g_return_if_fail (PKIO_IS_RECEIPT (self));
  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_receipt_print_async);
  order_number = g_strdup_printf ("%" G_GINT64_FORMAT, self->order_id);

  operation = new_operation (self);
  gtk_print_operation_set_allow_async (operation, TRUE);

  /* Saved as PDF, a receipt lands in Documents named by its order number
   * (no one's name in a file name), not as output.pdf wherever the app
   * was started from, where the next one would ask to replace it. */
  {
    g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
    const char *dir = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
    /* Translators: the file name, without extension, of a receipt saved
     * as PDF; %s is the order number */
    g_autofree char *basename = g_strdup_printf (_("PKIo receipt %s"), order_number);

    /* A path, not a URI: the file printer builds the file name from it. */
    gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_DIR,
                            dir != NULL ? dir : g_get_home_dir ());
    gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, basename);
    gtk_print_operation_set_print_settings (operation, settings);
  }
  /* The task is the operation's until it is done. */
  g_signal_connect (operation, "done", G_CALLBACK (done_cb), task);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR &&
      g_signal_handlers_disconnect_by_data (operation, task) > 0)
    {
      /* Failed before the dialog, without "done". */
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
    }
}

/**
 * pkio_receipt_print_finish:
 * @saved_path: (out) (optional): where it was saved, when printed to a
 *   file
 * @printer: (out) (optional): the printer it was sent to
 *
 * Returns: %TRUE once printed or saved; %FALSE with
 *   %G_IO_ERROR_CANCELLED when the dialog was cancelled
 */
gboolean
pkio_receipt_print_finish (PkioReceipt   *self,
                           GAsyncResult  *result,
                           char         **saved_path,
                           char         **printer,
                           GError       **error)
{
  g_autofree char *path = NULL;
  GError *local = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  path = g_task_propagate_pointer (G_TASK (result), &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }

  if (printer != NULL)
    *printer = g_strdup (g_task_get_task_data (G_TASK (result)));
  if (saved_path != NULL)
    *saved_path = g_steal_pointer (&path);

  return TRUE;
}

/**
 * pkio_receipt_dup_done_message:
 *
 * Returns: what to tell once it was printed: where the file is, or which
 *   printer has it
 */
char *
pkio_receipt_dup_done_message (const char *saved_path,
                               const char *printer)
{
  if (saved_path != NULL)
    {
      const char *home = g_get_home_dir ();
      g_autofree char *shown = NULL;

      /* ~/Documents/…, as the file chooser shows it. */
      if (g_str_has_prefix (saved_path, home) && saved_path[strlen (home)] == G_DIR_SEPARATOR)
        shown = g_strconcat ("~", saved_path + strlen (home), NULL);
      else
        shown = g_strdup (saved_path);
      /* Translators: %s is a file's path, e.g. ~/Documents/PKIo receipt 1234.pdf */
      return g_strdup_printf (_("Receipt saved as %s"), shown);
    }

  if (printer != NULL && printer[0] != '\0')
    /* Translators: %s is a printer's name */
    return g_strdup_printf (_("Receipt sent to %s"), printer);

  return g_strdup (_("Receipt printed"));
}

/**
 * pkio_receipt_export_pdf:
 * @filename: where to write the PDF
 *
 * Writes the receipt to a PDF file without a dialog.
 */
gboolean
pkio_receipt_export_pdf (PkioReceipt  *self,
                         const char   *filename,
                         GError      **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_return_val_if_fail (PKIO_IS_RECEIPT (self), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);

  operation = new_operation (self);
  gtk_print_operation_set_export_filename (operation, filename);

  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error)
         != GTK_PRINT_OPERATION_RESULT_ERROR;
}
