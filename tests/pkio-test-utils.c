/* pkio-test-utils.c
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

#include "pkio-test-utils.h"
#include "pkio-validate.h"

void
pkio_test_pin_today (void)
{
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 24, G_DATE_NOVEMBER, 2026);
  pkio_validate_set_today_for_testing (&today);
}

/**
 * pkio_test_order_new_valid:
 *
 * Returns: (transfer full): an order that passes every step, paid from the
 *   balance or by card
 */
PkioOrder *
pkio_test_order_new_valid (PkioPaymentMethod payment)
{
  PkioOrder *order = pkio_order_new ();

  g_object_set (order,
                "first-name", "Jan",
                "last-name", "de Vries",
                "email", "jan.devries@example.nl",
                "telephone", "+31 6 1234 5678",
                "country", "nl",
                "city", "Delft",
                "zip", "2611 AB",
                "provisioning-method", "qscd",
                "ship-name", "Jan de Vries",
                "ship-addr1", "Oude Delft 1",
                "ship-city", "Delft",
                "ship-state", "Zuid-Holland",
                "ship-zip", "2611 AB",
                "ship-country", "nl",
                "ship-method", PKIO_SHIP_METHOD_STANDARD,
                "validity-kind", PKIO_VALIDITY_KIND_YEARS,
                "validity-years", 1,
                "payment-method", payment,
                "csa-agreed-to", TRUE,
                NULL);

  if (payment == PKIO_PAYMENT_METHOD_CARD)
    g_object_set (order,
                  "card-number", "4111 1111 1111 1111",
                  "card-expiration-month", "12",
                  "card-expiration-year", "2027",
                  "card-cvv", "123",
                  "cardholder-name", "Jan de Vries",
                  "save-credit-card", PKIO_TRISTATE_NO,
                  "billing-address", "Oude Delft 1",
                  "billing-city", "Delft",
                  "billing-country", "nl",
                  "billing-zip", "2611 AB",
                  NULL);

  return order;
}

char *
pkio_test_data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/**
 * pkio_test_load_json:
 *
 * Returns: (transfer full): the parsed contents of tests/data/@name
 */
JsonNode *
pkio_test_load_json (const char *name)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = pkio_test_data_path (name);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

/**
 * pkio_test_result_cb:
 * @user_data: a `GAsyncResult **`, set to a reference to @result
 *
 * The callback for async calls that a test then waits on with
 * pkio_test_wait_result().
 */
void
pkio_test_result_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/**
 * pkio_test_wait_result:
 *
 * Runs the main context until pkio_test_result_cb() has set *@result.
 *
 * Returns: (transfer none): *@result
 */
GAsyncResult *
pkio_test_wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

/**
 * pkio_test_assert_finalized:
 * @object_ptr: (inout): a pointer to the object, holding the last reference
 *
 * Drops the reference and asserts that the object is finalized: at once,
 * or once its pending tasks have returned to this thread's main loop (a
 * worker thread drops its task, and so the task's source object, only
 * after the task has returned). A leaked object hangs here until the
 * deadline that ends a hung test.
 */
void
pkio_test_assert_finalized (gpointer object_ptr)
{
  GObject **ptr = object_ptr;
  gpointer weak = *ptr;
  gint64 deadline = g_get_monotonic_time () + 90 * G_USEC_PER_SEC;

  if (weak == NULL)
    return;

  g_object_add_weak_pointer (weak, &weak);
  g_clear_object (ptr);
  while (weak != NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("A %s was not finalized: a reference leaked", G_OBJECT_TYPE_NAME (weak));
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}
