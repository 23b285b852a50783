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
#include <string.h>

#include "pkio-order-json.h"
#include "pkio-order-problem.h"
#include "pkio-receipt.h"

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

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pkio/receipt/pdf", test_pdf);
  g_test_add_func ("/pkio/receipt/practice-marked", test_practice_marked);

  return g_test_run ();
}
