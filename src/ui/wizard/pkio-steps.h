/* pkio-steps.h
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

#include "pkio-account.h"
#include "pkio-order.h"
#include "pkio-page.h"

G_BEGIN_DECLS

/**
 * PkioStep:
 * @id: the stable id drafts record ("shipping"); the page's id
 * @title: the page's title, untranslated (N_()): show it with _()
 * @order_step: the #PkioOrderStep the page validates, or -1 for a page that
 *   enters no part of the order
 * @get_type: the page's type; it is built with its "order" (and "account",
 *   if it has one)
 *
 * One row of the wizard's step table: every list of steps (the window's
 * pages, the step of a server error, a draft's "Page:") is read from it.
 */
typedef struct
{
  const char *id;
  const char *title;
  int         order_step;
  GType     (*get_type) (void);
} PkioStep;

guint           pkio_steps_get_n              (void);
const PkioStep *pkio_steps_get                (guint          index);
const PkioStep *pkio_steps_lookup             (const char    *id);
const PkioStep *pkio_steps_lookup_type        (GType          type);
const PkioStep *pkio_steps_lookup_order_step  (PkioOrderStep  order_step);
PkioPage       *pkio_step_new_page            (const PkioStep *step,
                                               PkioOrder      *order,
                                               PkioAccount    *account);

G_END_DECLS
