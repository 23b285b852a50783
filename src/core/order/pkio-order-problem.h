/* pkio-order-problem.h
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

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One thing wrong with an order: where (the JSON path of the field, as
 * CertCentral names it in "required_param:ship_info.zip") and what (a
 * #PKIO_VALIDATE_ERROR whose message is translated and names the field). */
typedef struct
{
  char   *path;
  GError *error;
} PkioOrderProblem;

#define PKIO_TYPE_ORDER_PROBLEM (pkio_order_problem_get_type ())

GType             pkio_order_problem_get_type  (void) G_GNUC_CONST;
PkioOrderProblem *pkio_order_problem_new       (const char             *path,
                                                const GError           *error);
PkioOrderProblem *pkio_order_problem_copy      (const PkioOrderProblem *self);
void              pkio_order_problem_free      (PkioOrderProblem       *self);
GPtrArray        *pkio_order_problem_list_new  (void);
gboolean          pkio_order_problem_list_has_path (GPtrArray          *problems,
                                                    const char         *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioOrderProblem, pkio_order_problem_free)

G_END_DECLS
