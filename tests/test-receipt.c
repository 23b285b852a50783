/* test-receipt.c
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

#include <gtk/gtk.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pkio-order-json.h"
#include "pkio-order-problem.h"
#include "pkio-receipt.h"
#include "pkio-test-ui.h"

/* The receipt renders to a one-page PDF with the order number and without
 * the card data, read back with pdftotext as a person's viewer would. */

#define CARD_NUMBER "4111111111111111"
#define CVV "737"

static PkioOrder *
card_order (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "example-1.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) problems = pkio_order_problem_list_new ();
  PkioOrder *order;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  order = pkio_order_new_from_json_data (text, -1, problems, NULL);
  g_assert_nonnull (order);

  /* Paid by card: the number is in memory, and must not reach paper. */
  pkio_order_set_payment_method (order, PKIO_PAYMENT_METHOD_CARD);
  g_object_set (order,
                "card-number", CARD_NUMBER,
                "card-cvv", CVV,
                "cardholder-name", "John Doe",
                NULL);

  return order;
}

static void
test_pdf (void)
{
  g_autoptr(PkioOrder) order = card_order ();
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 24, 10, 30, 0);
  g_autoptr(PkioReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pkio-receipt-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "receipt.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *cmd = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  int status;

  receipt = pkio_receipt_new (order, 112233, 113, when, FALSE);
  g_assert_true (pkio_receipt_export_pdf (receipt, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &len, NULL));
  g_assert_true (len > 4 && memcmp (contents, "%PDF", 4) == 0);

  cmd = g_strdup_printf ("pdftotext -layout '%s' -", pdf);
  g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_assert_nonnull (strstr (out, "112233"));
  g_assert_nonnull (strstr (out, "John Doe"));
  g_assert_nonnull (strstr (out, "534 Jefferson Street"));
  g_assert_nonnull (strstr (out, "Trust"));
  g_assert_nonnull (strstr (out, "1 year"));

  /* No card data: not the number, not its last digits, not the CVV. */
  g_assert_null (strstr (out, CARD_NUMBER));
  g_assert_null (strstr (out, "1111"));
  g_assert_null (strstr (out, CVV));
  /* Nor in the file's bytes (text could be compressed; the receipt never
   * gets the number, so it cannot be there either way). */
  g_assert_null (memmem (contents, len, CARD_NUMBER, strlen (CARD_NUMBER)));

  g_remove (pdf);
  g_rmdir (dir);
}

static void
test_practice_marked (void)
{
  g_autoptr(PkioOrder) order = card_order ();
  g_autoptr(GDateTime) when = g_date_time_new_now_utc ();
  g_autoptr(PkioReceipt) receipt = pkio_receipt_new (order, 100001, 500001, when, TRUE);
  g_autoptr(PkioReceipt) real = pkio_receipt_new (order, 100001, 500001, when, FALSE);
  g_autofree char *text = pkio_receipt_dup_text (receipt);
  g_autofree char *real_text = pkio_receipt_dup_text (real);

  g_assert_nonnull (strstr (text, "PRACTICE"));
  g_assert_null (strstr (real_text, "PRACTICE"));
  g_assert_null (strstr (text, CARD_NUMBER));
}

/* Where pdftotext -bbox puts the first word @word: its left and top edge,
 * in points. */
static gboolean
word_position (const char *bbox,
               const char *word,
               double     *x,
               double     *y)
{
  g_autofree char *pattern = g_strdup_printf ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\"[^>]*>%s</word>",
                                              word);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *xs = NULL;
  g_autofree char *ys = NULL;

  if (!g_regex_match (regex, bbox, 0, &match))
    return FALSE;

  xs = g_match_info_fetch (match, 1);
  ys = g_match_info_fetch (match, 2);
  *x = g_ascii_strtod (xs, NULL);
  *y = g_ascii_strtod (ys, NULL);

  return TRUE;
}

/* A letter's margins (20 mm, 56.7 pt) all round, and the values of the
 * label/value pairs in one column, however long their labels. */
static void
test_layout (void)
{
  g_autoptr(PkioOrder) order = card_order ();
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 24, 10, 30, 0);
  g_autoptr(PkioReceipt) receipt = pkio_receipt_new (order, 112233, 113, when, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pkio-receipt-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "receipt.pdf", NULL);
  g_autofree char *html = g_build_filename (dir, "receipt.html", NULL);
  g_autofree char *cmd = NULL;
  g_autofree char *bbox = NULL;
  g_autoptr(GRegex) any_word = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" "
                                            "xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  double order_x, order_y, name_x, name_y, cert_x, cert_y;
  int status;

  g_assert_true (pkio_receipt_export_pdf (receipt, pdf, &error));
  g_assert_no_error (error);
  cmd = g_strdup_printf ("pdftotext -bbox '%s' '%s'", pdf, html);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (html, &bbox, NULL, NULL));

  /* Every word within the margins of an A4 or Letter page. */
  g_assert_true (g_regex_match (any_word, bbox, 0, &match));
  while (g_match_info_matches (match))
    {
      g_autofree char *x_min = g_match_info_fetch (match, 1);
      g_autofree char *y_min = g_match_info_fetch (match, 2);
      g_autofree char *x_max = g_match_info_fetch (match, 3);

      g_assert_cmpfloat (g_ascii_strtod (x_min, NULL), >=, 56.0);
      g_assert_cmpfloat (g_ascii_strtod (y_min, NULL), >=, 56.0);
      g_assert_cmpfloat (g_ascii_strtod (x_max, NULL), <=, 612.0 - 56.0);
      g_match_info_next (match, NULL);
    }

  /* "Order number  112233", "Certificate number  113", "Name  John Doe":
   * the values start at one x. */
  g_assert_true (word_position (bbox, "112233", &order_x, &order_y));
  g_assert_true (word_position (bbox, "113", &cert_x, &cert_y));
  g_assert_true (word_position (bbox, "John", &name_x, &name_y));
  g_assert_cmpfloat (name_y, >, order_y);
  g_assert_cmpfloat (fabs (order_x - name_x), <, 0.5);
  g_assert_cmpfloat (fabs (order_x - cert_x), <, 0.5);

  g_remove (html);
  g_remove (pdf);
  g_rmdir (dir);
}

/* Printed again from the history: what it keeps, said to be a reprint. */
static void
test_from_history (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 24, 10, 30, 0);
  PkioHistoryEntry entry = { .id = (char *) "x", .order_id = 3456789012,
                             .certificate_id = 8456789012, .applicant = (char *) "Piet Jansen",
                             .email = (char *) "piet@example.nl", .date = when,
                             .status = (char *) "issued", .practice = TRUE };
  g_autoptr(PkioReceipt) receipt = pkio_receipt_new_for_history (&entry, "Issued");
  g_autofree char *text = pkio_receipt_dup_text (receipt);

  g_assert_nonnull (strstr (text, "Order number\t3456789012"));
  g_assert_nonnull (strstr (text, "8456789012"));
  g_assert_nonnull (strstr (text, "Piet Jansen"));
  g_assert_nonnull (strstr (text, "piet@example.nl"));
  g_assert_nonnull (strstr (text, "Issued"));
  g_assert_nonnull (strstr (text, "PRACTICE"));
  g_assert_nonnull (strstr (text, "Printed again"));
  /* Dates without GLib's padding figure space before the day. */
  g_assert_nonnull (strstr (text, "Date\t24 November 2026\n"));
  g_assert_null (strstr (text, "\u2007"));
}

/* Where a receipt went, for the toast: a file by its path from home. */
static void
test_done_message (void)
{
  g_autofree char *path = g_build_filename (g_get_home_dir (), "Documents", "PKIo receipt 1.pdf",
                                            NULL);
  g_autofree char *saved = pkio_receipt_dup_done_message (path, "Print to File");
  g_autofree char *printed = pkio_receipt_dup_done_message (NULL, "Office");

  g_assert_cmpstr (saved, ==, "Receipt saved as ~/Documents/PKIo receipt 1.pdf");
  g_assert_cmpstr (printed, ==, "Receipt sent to Office");
}

int
main (int   argc,
      char *argv[])
{
  pkio_test_ui_init (&argc, &argv);

  g_test_add_func ("/pkio/receipt/pdf", test_pdf);
  g_test_add_func ("/pkio/receipt/practice-marked", test_practice_marked);
  g_test_add_func ("/pkio/receipt/layout", test_layout);
  g_test_add_func ("/pkio/receipt/from-history", test_from_history);
  g_test_add_func ("/pkio/receipt/done-message", test_done_message);

  return g_test_run ();
}
