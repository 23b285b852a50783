/* pkio-order-problem.c
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

#include "pkio-order-problem.h"

G_DEFINE_BOXED_TYPE (PkioOrderProblem, pkio_order_problem,
                     pkio_order_problem_copy, pkio_order_problem_free)

/**
 * pkio_order_problem_new:
 * @path: the field's JSON path, "ship_info.zip"
 * @error: what is wrong with it; copied
 *
 * Returns: (transfer full): a new #PkioOrderProblem
 */
PkioOrderProblem *
pkio_order_problem_new (const char   *path,
                        const GError *error)
{
  PkioOrderProblem *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  self = g_new0 (PkioOrderProblem, 1);
  self->path = g_strdup (path);
  self->error = g_error_copy (error);

  return self;
}

PkioOrderProblem *
pkio_order_problem_copy (const PkioOrderProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return pkio_order_problem_new (self->path, self->error);
}

void
pkio_order_problem_free (PkioOrderProblem *self)
{
  if (self == NULL)
    return;

  g_free (self->path);
  g_clear_error (&self->error);
  g_free (self);
}

/**
 * pkio_order_problem_list_new:
 *
 * Returns: (transfer full) (element-type PkioOrderProblem): an empty list
 *   that frees its problems
 */
GPtrArray *
pkio_order_problem_list_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_order_problem_free);
}

gboolean
pkio_order_problem_list_has_path (GPtrArray  *problems,
                                  const char *path)
{
  g_return_val_if_fail (problems != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  for (guint i = 0; i < problems->len; i++)
    {
      const PkioOrderProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_equal (problem->path, path))
        return TRUE;
    }

  return FALSE;
}
