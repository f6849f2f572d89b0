// The root layout: a Server Component, as every App Router app's is.
import type { ReactNode } from 'react'
import { Providers } from './providers'

export const metadata = { title: 'todos' }

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  )
}
