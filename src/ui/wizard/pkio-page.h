/* pkio-page.h
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

#include <adwaita.h>

#include "pkio-order.h"

G_BEGIN_DECLS

#define PKIO_TYPE_PAGE (pkio_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (PkioPage, pkio_page, PKIO, PAGE, AdwBin)

/**
 * PkioPageClass:
 * @page_id: the id of a page outside the step table (pkio-steps.c), which
 *   gives the wizard's pages their ids and titles
 * @shown: called each time the page becomes the current one
 * @apply_async: runs when the user presses Next; the default completes at
 *   once with %TRUE. Pages that must talk to a service override it.
 * @apply_finish: finishes @apply_async; %FALSE keeps the user on the page
 * @reset: forgets what the page showed of the last order (which fields the
 *   user touched, server errors), for the next applicant
 * @final: a page after which there is no way back, such as the result of a
 *   submitted order: going back would invite sending it twice
 */
struct _PkioPageClass
{
  AdwBinClass parent_class;

  const char *page_id;

  void     (*shown)        (PkioPage             *self);
  void     (*apply_async)  (PkioPage             *self,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data);
  gboolean (*apply_finish) (PkioPage             *self,
                            GAsyncResult         *result,
                            GError              **error);
  void     (*reset)        (PkioPage             *self);

  gboolean    final;

  /*< private >*/
  gpointer padding[6];
};

const char *pkio_page_get_page_id   (PkioPage             *self);
PkioOrder  *pkio_page_get_order     (PkioPage             *self);
gboolean    pkio_page_is_final      (PkioPage             *self);
void        pkio_page_watch_order   (PkioPage             *self,
                                     GCallback             callback,
                                     const char           *first_property,
                                     ...) G_GNUC_NULL_TERMINATED;
void        pkio_page_reset         (PkioPage             *self);
const char *pkio_page_get_title     (PkioPage             *self);
void        pkio_page_set_title     (PkioPage             *self,
                                     const char           *title);
gboolean    pkio_page_get_complete  (PkioPage             *self);
void        pkio_page_set_complete  (PkioPage             *self,
                                     gboolean              complete);
gboolean    pkio_page_get_applying  (PkioPage             *self);
void        pkio_page_shown         (PkioPage             *self);
void        pkio_page_apply_async   (PkioPage             *self,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
gboolean    pkio_page_apply_finish  (PkioPage             *self,
                                     GAsyncResult         *result,
                                     GError              **error);

G_END_DECLS
