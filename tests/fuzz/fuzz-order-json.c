/* fuzz-order-json.c
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

#include <json-glib/json-glib.h>
#include <stdint.h>

#include "pkio-fuzz-utils.h"
#include "pkio-order-json.h"
#include "pkio-order-problem.h"
#include "pkio-validate.h"

/* Feeds arbitrary bytes to the order reader and the validators, as
 * `pkio-order validate` and the draft store do, then checks that what the
 * writer makes of the result reads back without a problem and writes out
 * the same again. */

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  GDate today;

  pkio_fuzz_abort_on_warnings ();

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 24, G_DATE_NOVEMBER, 2026);
  pkio_validate_set_today_for_testing (&today);

  return 0;
}

static void
check_round_trip (PkioOrder         *order,
                  PkioOrderJsonMode  mode)
{
  g_autoptr(GPtrArray) problems = pkio_order_problem_list_new ();
  g_autoptr(PkioOrder) again = NULL;
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(JsonNode) rewritten = NULL;
  g_autofree char *text = NULL;

  written = pkio_order_to_json (order, mode);
  text = json_to_string (written, FALSE);
  again = pkio_order_new_from_json_data (text, -1, problems, NULL);
  if (again == NULL || problems->len > 0)
    {
      for (guint i = 0; problems && i < problems->len; i++)
        g_printerr ("%s: %s\n", ((PkioOrderProblem *) problems->pdata[i])->path,
                    ((PkioOrderProblem *) problems->pdata[i])->error->message);
      g_error ("The writer's output does not read back cleanly: %s", text);
    }

  rewritten = pkio_order_to_json (again, mode);
  if (!json_node_equal (written, rewritten))
    g_error ("Writing is not stable: %s", text);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) problems = pkio_order_problem_list_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(PkioOrder) order = NULL;

  if (!pkio_order_json_check_data ((const char *) data, size, &all, NULL))
    return 0;

  order = pkio_order_new_from_json_data ((const char *) data, size, problems, NULL);
  g_assert (order != NULL);

  pkio_order_validate (order, NULL);
  check_round_trip (order, PKIO_ORDER_JSON_REQUEST);
  check_round_trip (order, PKIO_ORDER_JSON_DRAFT);
  g_free (pkio_order_to_json_string (order, PKIO_ORDER_JSON_DISPLAY, TRUE));

  return 0;
}
